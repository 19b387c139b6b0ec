import { useCallback, useMemo, useState } from 'react';
import { hasRole, useApp } from '../app-context';
import { ErrorBox } from '../components/bits';
import { VirtualList } from '../components/VirtualList';
import { formatWhen } from '../format';
import { AlertPanel } from './FleetAlerts';
import { ScreenDirectory } from '../components/ScreenDirectory';
import { FLEET_HEAD_HEIGHT, FLEET_ROW_HEIGHT, FleetHeader, ScreenRowView } from './FleetRow';
import { filterRows, groupsOf, useFleet, type Fleet, type FleetRow, type PresenceFilter } from './fleet-view';

const screenKey = (r: FleetRow): string => r.screenId;

interface FilterProps { fleet: Fleet | null; group: string; setGroup: (g: string) => void; presence: PresenceFilter; setPresence: (p: PresenceFilter) => void }

function Filters({ fleet, group, setGroup, presence, setPresence }: FilterProps) {
  const { t } = useApp();
  return (
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
  );
}

function Problems({ fleet }: { fleet: Fleet }) {
  const { t, locale } = useApp();
  if (fleet.problems.length === 0) return null;
  return (
    <section className="fleet-problems" data-testid="fleet-problems">
      <h2>{t.fleetProblems}</h2>
      <ul>{fleet.problems.slice(-10).reverse().map((p) => <li key={`${p.at}-${p.what}`}>{`${formatWhen(p.at, locale)} · ${p.what}: ${p.message}`}</li>)}</ul>
    </section>
  );
}

/** Every screen, live: state, what it shows, its sync, and the commands; alerts for all, a group or one. Only the rows in view are drawn. */
export function Screens() {
  const { t, session } = useApp();
  const { fleet, error, reload } = useFleet();
  const [group, setGroup] = useState('');
  const [presence, setPresence] = useState<PresenceFilter>('all');
  const canAct = hasRole(session, 'publisher');
  const canRevoke = hasRole(session, 'admin');
  const rows = useMemo(() => (fleet ? filterRows(fleet.screens, group, presence) : []), [fleet, group, presence]);
  const renderRow = useCallback((r: FleetRow) => <ScreenRowView row={r} canAct={canAct} canRevoke={canRevoke} />, [canAct, canRevoke]);
  if (fleet && !fleet.enabled) return <div className="page"><h1>{t.fleetTitle}</h1><p className="muted">{t.fleetOff}</p></div>;
  const counts = fleet ? `${fleet.screens.filter((r) => r.presence === 'online').length}/${fleet.screens.length}` : '';
  return (
    <div className="page page-wide">
      <h1>{t.fleetTitle} <span className="muted" data-testid="fleet-counts">{counts}</span></h1>
      <ErrorBox error={error} />
      {fleet && canAct ? <AlertPanel fleet={fleet} onSent={reload} /> : null}
      <Filters fleet={fleet} group={group} setGroup={setGroup} presence={presence} setPresence={setPresence} />
      {fleet && fleet.screens.length === 0 ? <p className="muted">{t.fleetNone}</p> : null}
      {fleet ? <Problems fleet={fleet} /> : null}
      <VirtualList count={rows.length} rowAt={(i) => rows[i]} rowHeight={FLEET_ROW_HEIGHT} rowKey={screenKey} renderRow={renderRow} role="table"
        header={<FleetHeader />} label={t.fleetTitle} testId="fleet-table" className="fleet-list" fitRows={FLEET_HEAD_HEIGHT} />
      <ScreenDirectory />
    </div>
  );
}
