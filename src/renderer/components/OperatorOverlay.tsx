import type { OperatorDetails, PlayerState } from '../../core/api/contract';
import { formatBytes, formatDuration } from '../format';

export interface OperatorOverlayProps {
  readonly state: PlayerState | undefined;
  readonly stateError: string | undefined;
  readonly currentItem: string;
  readonly now: Date;
  readonly rendererStartedAt: Date;
  readonly pinLength: number;
  readonly pinMessage: string;
  readonly details: OperatorDetails | undefined;
}

/** Status for the person servicing the screen; never shown to the public unless asked for. */
export function OperatorOverlay(props: OperatorOverlayProps) {
  const rows = overlayRows(props);
  return (
    <aside className="operator" data-testid="operator-overlay" lang="en">
      <h2>Operator status</h2>
      <dl>
        {rows.map(([label, value]) => (
          <div className="operator-row" key={label}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      <p className="operator-pin" data-testid="operator-pin">
        Leave kiosk mode: type the operator PIN, then Enter. {'•'.repeat(props.pinLength)}
        {props.pinMessage ? ` — ${props.pinMessage}` : ''}
      </p>
      <p className="operator-hint">“p” pauses or resumes the ticker’s motion. Ctrl+Shift+O or press “o” five times to close.</p>
    </aside>
  );
}

function overlayRows({ state, stateError, currentItem, now, rendererStartedAt, details }: OperatorOverlayProps): [string, string][] {
  const sync = state?.sync;
  const serverUptime = state ? now.getTime() - Date.parse(state.startedAt) : Number.NaN;
  return [
    ['App version', state?.appVersion ?? 'unknown'],
    ['Screen', state ? `${state.screenId} (${state.layout}, ${state.locales.join(', ')})` : 'unknown'],
    ['State version', state ? String(state.version) : 'none'],
    ['Playlist', state ? `${state.playlist.name}${state.fallback ? ' (FALLBACK)' : ''}` : 'not loaded'],
    ['Current item', currentItem],
    ['Sync', sync ? `${sync.source}; last ok ${sync.lastSuccess ?? 'never'}; ${sync.lastError ?? 'no error'}` : 'no feed'],
    ['Cache', sync ? `${formatBytes(sync.cacheBytes)} of ${formatBytes(sync.cacheQuotaBytes)}` : 'n/a'],
    ['Uptime', `renderer ${formatDuration(now.getTime() - rendererStartedAt.getTime())}; server ${Number.isFinite(serverUptime) ? formatDuration(serverUptime) : 'n/a'}`],
    ['Warnings', details ? listed([stateError, ...details.warnings]) : `${stateError ?? ''} (details after the operator PIN)`.trim()],
    ['Quarantined', details ? listed(details.quarantined.map((q) => `${q.id}: ${q.reason}`)) : '(details after the operator PIN)'],
  ];
}

function listed(lines: readonly (string | undefined)[]): string {
  return lines.filter(Boolean).join(' | ') || 'none';
}
