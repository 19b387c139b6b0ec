import { memo, useState } from 'react';
import { refusalSummary, type PlaysRefusal } from '../../core/fleet/plays-signed';
import type { FleetCommand } from '../../core/fleet/signed-message';
import { call } from '../api/client';
import { hasRole, useApp } from '../app-context';
import { Badge, ErrorBox } from '../components/bits';
import { formatWhen } from '../format';
import type { Strings } from '../i18n/zh-CN';
import { AlertPanel } from './FleetAlerts';
import { ScreenDirectory } from '../components/ScreenDirectory';
import { filterRows, groupsOf, useFleet, type FleetRow, type PresenceFilter } from './fleet-view';

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

function Screenshot({ row }: { row: FleetRow }) {
  const [image, setImage] = useState<string | null>(null);
  if (!row.screenshot) return null;
  if (image) return <img className="fleet-shot" src={`data:image/jpeg;base64,${image}`} alt={row.screenId} data-testid="screenshot" />;
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

function ScreenRowBody({ row, canAct, canRevoke }: { row: FleetRow; canAct: boolean; canRevoke: boolean }) {
  const { t, locale } = useApp();
  const sync = row.status.sync;
  const lastAck = Object.values(row.acks).at(-1);
  const send = (command: FleetCommand): void => void call('fleetCommand', { body: { command, target: { scope: 'screen', screen: row.screenId } } });
  return (
    <tr data-screen={row.screenId} data-presence={row.presence}>
      <td><strong>{row.screenId}</strong><div className="muted">{(row.status.groups ?? []).join(', ')}</div></td>
      <td><Badge className={`presence-${row.presence}`}>{t[row.presence === 'online' ? 'fleetOnline' : row.presence === 'offline' ? 'fleetOffline' : 'fleetStale']}</Badge></td>
      <td>{formatWhen(row.lastSeen, locale)}</td>
      <td className="ellipsis">{row.status.currentItem ?? '—'}</td>
      <td>{sync ? `${sync.source}${sync.lastError ? ` · ${sync.lastError}` : ''}` : '—'}</td>
      <td>{row.status.appVersion ?? '—'}</td>
      <td className="num" data-testid="warnings">
        {row.status.warnings ?? 0}
        {row.status.lastWarning ? <div className="muted ellipsis" title={row.status.lastWarning}>{row.status.lastWarning}</div> : null}
        {row.refusedUploads > 0 ? <div className="muted" data-testid="refused">{refusedText(row, t)}</div> : null}
      </td>
      <td>{row.applied ? formatWhen(row.applied.at, locale) : '—'}</td>
      <td>
        {canAct ? <div className="actions">{COMMANDS.map((c) => <button key={c.command} type="button" onClick={() => send(c.command)} data-command={c.command}>{t[c.label]}</button>)}</div> : null}
        {lastAck ? <div className="muted" data-testid="ack">{`${lastAck.result}${lastAck.detail ? `: ${lastAck.detail}` : ''}`}</div> : null}
        <Screenshot row={row} />
        {canRevoke ? <RevokeButton screenId={row.screenId} /> : null}
      </td>
    </tr>
  );
}

/** What a row shows changes only with these: a poll that brings the same status redraws nothing. */
const rowKey = (r: FleetRow): string => `${r.presence}|${r.lastSeen}|${r.status.at}|${Object.keys(r.acks).length}|${r.applied?.seq ?? ''}|${r.screenshot?.seq ?? ''}|${r.refusedUploads}|${JSON.stringify(r.refusedByReason ?? {})}`;
const ScreenRowView = memo(ScreenRowBody, (a, b) => a.canAct === b.canAct && a.canRevoke === b.canRevoke && rowKey(a.row) === rowKey(b.row));

/** Every screen, live: state, what it shows, its sync, and the commands; alerts for all, a group or one. */
export function Screens() {
  const { t, session, locale } = useApp();
  const { fleet, error, reload } = useFleet();
  const [group, setGroup] = useState('');
  const [presence, setPresence] = useState<PresenceFilter>('all');
  const canAct = hasRole(session, 'publisher');
  const canRevoke = hasRole(session, 'admin');
  if (fleet && !fleet.enabled) return <div className="page"><h1>{t.fleetTitle}</h1><p className="muted">{t.fleetOff}</p></div>;
  const rows = fleet ? filterRows(fleet.screens, group, presence) : [];
  const counts = fleet ? `${fleet.screens.filter((r) => r.presence === 'online').length}/${fleet.screens.length}` : '';
  return (
    <div className="page">
      <h1>{t.fleetTitle} <span className="muted">{counts}</span></h1>
      <ErrorBox error={error} />
      {fleet && canAct ? <AlertPanel fleet={fleet} onSent={reload} /> : null}
      <div className="filters">
        <select value={group} onChange={(e) => setGroup(e.target.value)} aria-label={t.fleetGroup} data-testid="group-filter">
          <option value="">{`${t.fleetGroup}: ${t.fleetAll}`}</option>
          {groupsOf(fleet?.screens ?? []).map((g) => <option key={g} value={g}>{g}</option>)}
        </select>
        <select value={presence} onChange={(e) => setPresence(e.target.value as PresenceFilter)} aria-label={t.fleetState} data-testid="state-filter">
          <option value="all">{`${t.fleetState}: ${t.fleetAll}`}</option>
          <option value="online">{t.fleetOnline}</option>
          <option value="stale">{t.fleetStale}</option>
          <option value="offline">{t.fleetOffline}</option>
        </select>
        {fleet ? <span className="muted">{`${t.fleetBroker}: ${fleet.broker}`}</span> : null}
      </div>
      {fleet && fleet.screens.length === 0 ? <p className="muted">{t.fleetNone}</p> : null}
      {fleet && fleet.problems.length > 0 ? (
        <section className="fleet-problems" data-testid="fleet-problems">
          <h2>{t.fleetProblems}</h2>
          <ul>{fleet.problems.slice(-10).reverse().map((p) => <li key={`${p.at}-${p.what}`}>{`${formatWhen(p.at, locale)} · ${p.what}: ${p.message}`}</li>)}</ul>
        </section>
      ) : null}
      <table className="fleet" data-testid="fleet-table">
        <thead><tr><th>{t.fleetScreen}</th><th>{t.fleetState}</th><th>{t.fleetLastSeen}</th><th>{t.fleetNow}</th><th>{t.fleetSync}</th><th>{t.fleetVersion}</th><th className="num">{t.fleetWarnings}</th><th>{t.fleetAlertAck}</th><th>{t.fleetActions}</th></tr></thead>
        <tbody>{rows.map((r) => <ScreenRowView key={r.screenId} row={r} canAct={canAct} canRevoke={canRevoke} />)}</tbody>
      </table>
      <ScreenDirectory />
    </div>
  );
}
