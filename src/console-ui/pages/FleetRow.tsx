import { memo, useState } from 'react';
import { createPortal } from 'react-dom';
import { refusalSummary, type PlaysRefusal } from '../../core/fleet/plays-signed';
import type { FleetCommand } from '../../core/fleet/signed-message';
import { call } from '../api/client';
import { useApp } from '../app-context';
import { Badge } from '../components/bits';
import { formatWhen } from '../format';
import type { Strings } from '../i18n/zh-CN';
import type { FleetRow } from './fleet-view';

/** One row of the Screens table has this height (px): the list draws only the rows in view. */
export const FLEET_ROW_HEIGHT = 92;
/** The header row's height and the list's borders (px): a fleet of a few screens gets a list just tall enough. */
export const FLEET_HEAD_HEIGHT = 34 + 2;

const COMMANDS: readonly { command: FleetCommand; label: 'cmdIdentify' | 'cmdReload' | 'cmdSync' | 'cmdPause' | 'cmdResume' | 'cmdScreenshot' }[] = [
  { command: 'identify', label: 'cmdIdentify' },
  { command: 'reload', label: 'cmdReload' },
  { command: 'sync-now', label: 'cmdSync' },
  { command: 'pause-motion', label: 'cmdPause' },
  { command: 'resume-motion', label: 'cmdResume' },
  { command: 'screenshot', label: 'cmdScreenshot' },
];

const REFUSAL_WORDS = {
  malformed: 'fleetRefusedMalformed', 'unknown-screen': 'fleetRefusedUnknown', revoked: 'fleetRefusedRevoked',
  forged: 'fleetRefusedForged', replayed: 'fleetRefusedReplayed', 'broken-chain': 'fleetRefusedBroken',
} as const satisfies Record<PlaysRefusal, keyof Strings>;

/** "refused uploads: 2 forged, 1 replayed". */
function refusedText(row: FleetRow, t: Strings): string {
  const summary = refusalSummary(row.refusedByReason ?? {}, (r) => t[REFUSAL_WORDS[r]]);
  return summary ? `${t.fleetRefusedLabel}: ${summary}` : `${row.refusedUploads} ${t.fleetRefused}`;
}

/** The last screenshot: a link that fetches it, then a thumbnail; a click shows it full size over the page. */
function Screenshot({ row }: { row: FleetRow }) {
  const [image, setImage] = useState<string | null>(null);
  const [large, setLarge] = useState(false);
  if (!row.screenshot) return null;
  if (image) {
    const src = `data:image/jpeg;base64,${image}`;
    return (
      <>
        <button type="button" className="link" onClick={() => setLarge(true)}><img className="fleet-shot" src={src} alt={row.screenId} data-testid="screenshot" /></button>
        {large ? createPortal(<button type="button" className="fleet-shot-view" onClick={() => setLarge(false)} autoFocus><img src={src} alt={row.screenId} /></button>, document.body) : null}
      </>
    );
  }
  return (
    <button type="button" className="link" onClick={() => void call('fleetScreenshot', { params: { id: row.screenId } }).then((r) => r.ok && setImage(r.value.jpegBase64))}>
      {formatWhen(row.screenshot.at, 'en')}
    </button>
  );
}

function RevokeButton({ screenId }: { screenId: string }) {
  const { t } = useApp();
  const revoke = (): void => {
    if (window.confirm(t.revokeConfirm.replace('{id}', screenId))) void call('revokeScreen', { params: { id: screenId }, body: {} });
  };
  return <button type="button" className="danger" onClick={revoke} data-testid="revoke">{t.revokeScreen}</button>;
}

function Actions({ row, canAct, canRevoke }: { row: FleetRow; canAct: boolean; canRevoke: boolean }) {
  const { t } = useApp();
  const lastAck = Object.values(row.acks).at(-1);
  const send = (command: FleetCommand): void => void call('fleetCommand', { body: { command, target: { scope: 'screen', screen: row.screenId } } });
  return (
    <div role="cell">
      <div className="actions">
        {canAct ? COMMANDS.map((c) => <button key={c.command} type="button" onClick={() => send(c.command)} data-command={c.command}>{t[c.label]}</button>) : null}
        {canRevoke ? <RevokeButton screenId={row.screenId} /> : null}
      </div>
      {lastAck ? <div className="muted ellipsis" data-testid="ack">{`${lastAck.result}${lastAck.detail ? `: ${lastAck.detail}` : ''}`}</div> : null}
      <Screenshot row={row} />
    </div>
  );
}

function ScreenRowBody({ row, canAct, canRevoke }: { row: FleetRow; canAct: boolean; canRevoke: boolean }) {
  const { t, locale } = useApp();
  const sync = row.status.sync;
  return (
    <div className="fleet-row" data-screen={row.screenId} data-presence={row.presence}>
      <div role="cell"><strong className="ellipsis" title={row.screenId}>{row.screenId}</strong><div className="muted ellipsis">{(row.status.groups ?? []).join(', ')}</div></div>
      <div role="cell"><Badge className={`presence-${row.presence}`}>{t[row.presence === 'online' ? 'fleetOnline' : row.presence === 'offline' ? 'fleetOffline' : 'fleetStale']}</Badge></div>
      <div role="cell">{formatWhen(row.lastSeen, locale)}</div>
      <div role="cell" className="ellipsis" title={row.status.currentItem ?? undefined}>{row.status.currentItem ?? '—'}</div>
      <div role="cell" className="ellipsis">{sync ? `${sync.source}${sync.lastError ? ` · ${sync.lastError}` : ''}` : '—'}</div>
      <div role="cell">{row.status.appVersion ?? '—'}</div>
      <div role="cell" className="num" data-testid="warnings">
        {row.status.warnings ?? 0}
        {row.status.lastWarning ? <div className="muted ellipsis" title={row.status.lastWarning}>{row.status.lastWarning}</div> : null}
        {row.refusedUploads > 0 ? <div className="muted" data-testid="refused">{refusedText(row, t)}</div> : null}
      </div>
      <div role="cell">{row.applied ? formatWhen(row.applied.at, locale) : '—'}</div>
      <Actions row={row} canAct={canAct} canRevoke={canRevoke} />
    </div>
  );
}

/** What a row shows changes only with these: a poll that brings the same status redraws nothing. */
const rowKey = (r: FleetRow): string => `${r.presence}|${r.lastSeen}|${r.status.at}|${Object.keys(r.acks).length}|${r.applied?.seq ?? ''}|${r.screenshot?.seq ?? ''}|${r.refusedUploads}|${JSON.stringify(r.refusedByReason ?? {})}`;
export const ScreenRowView = memo(ScreenRowBody, (a, b) => a.canAct === b.canAct && a.canRevoke === b.canRevoke && rowKey(a.row) === rowKey(b.row));

/** The column headers, in the order of the row's cells. */
export function FleetHeader() {
  const { t } = useApp();
  const names = [t.fleetScreen, t.fleetState, t.fleetLastSeen, t.fleetNow, t.fleetSync, t.fleetVersion, t.fleetWarnings, t.fleetAlertAck, t.fleetActions];
  return <div className="fleet-row fleet-head">{names.map((n, i) => <div key={n} role="columnheader" className={i === 6 ? 'num' : undefined}>{n}</div>)}</div>;
}
