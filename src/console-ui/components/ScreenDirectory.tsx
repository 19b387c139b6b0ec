import { useEffect, useState } from 'react';
import { ScreenPresence, type ScreenListRow, type ScreenPage } from '../../core/console/list-pages';
import { call, type ApiError } from '../api/client';
import { useApp } from '../app-context';
import { fill, type StringKey } from '../i18n';
import { formatWhen } from '../format';
import { Badge, ErrorBox } from './bits';

const PAGE = 50;
const PRESENCE_LABEL: Record<ScreenListRow['presence'], StringKey> = {
  online: 'fleetOnline', offline: 'fleetOffline', stale: 'fleetStale', never: 'presenceNever', revoked: 'presenceRevoked',
};

interface Query { readonly text: string; readonly group: string; readonly presence: ScreenListRow['presence'] | ''; readonly offset: number }

/** Every registered screen, searched, filtered and paged on the server: 50 rows drawn, however large the fleet. */
export function ScreenDirectory() {
  const { t, locale } = useApp();
  const [groups, setGroups] = useState<readonly string[]>([]);
  useEffect(() => {
    void call('listGroups').then((reply) => reply.ok && setGroups(reply.value.map((g) => g.id)));
  }, []);
  const [query, setQuery] = useState<Query>({ text: '', group: '', presence: '', offset: 0 });
  const [page, setPage] = useState<ScreenPage | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  useEffect(() => {
    let current = true;
    const q = query.text.trim();
    const asked = { offset: query.offset, limit: PAGE, ...(q ? { q } : {}), ...(query.group ? { group: query.group } : {}), ...(query.presence ? { presence: query.presence } : {}) };
    void call('screenPage', { query: asked }).then((reply) => {
      if (!current) return;
      if (reply.ok) setPage(reply.value);
      setError(reply.ok ? null : reply.error);
    });
    return () => void (current = false);
  }, [query]);
  const set = (patch: Partial<Query>): void => setQuery((old) => ({ ...old, offset: 0, ...patch }));
  const total = page?.total ?? 0;
  return (
    <section className="section" data-testid="screen-directory">
      <h2>{t.screensAll}</h2>
      <div className="toolbar">
        <input type="search" aria-label={t.listSearch} placeholder={t.listSearch} value={query.text} onChange={(e) => set({ text: e.target.value })} data-testid="screens-search" />
        <select value={query.group} onChange={(e) => set({ group: e.target.value })} aria-label={t.fleetGroup}>
          <option value="">{`${t.fleetGroup}: ${t.fleetAll}`}</option>
          {groups.map((g) => <option key={g} value={g}>{g}</option>)}
        </select>
        <select value={query.presence} onChange={(e) => set({ presence: e.target.value === '' ? '' : ScreenPresence.parse(e.target.value) })} aria-label={t.fleetState}>
          <option value="">{`${t.fleetState}: ${t.fleetAll}`}</option>
          {ScreenPresence.options.map((p) => <option key={p} value={p}>{t[PRESENCE_LABEL[p]]}</option>)}
        </select>
        <button type="button" disabled={query.offset === 0} onClick={() => setQuery({ ...query, offset: Math.max(0, query.offset - PAGE) })}>{t.pagePrev}</button>
        <button type="button" disabled={query.offset + PAGE >= total} onClick={() => setQuery({ ...query, offset: query.offset + PAGE })}>{t.pageNext}</button>
        <span className="muted" data-testid="screens-range">{fill(t.pageRange, { from: total === 0 ? 0 : query.offset + 1, to: Math.min(total, query.offset + PAGE), total })}</span>
      </div>
      <ErrorBox error={error} />
      <table className="grid">
        <thead><tr><th>{t.fleetScreen}</th><th>{t.fleetGroup}</th><th>{t.fleetState}</th><th>{t.fleetLastSeen}</th><th>{t.colCreated}</th></tr></thead>
        <tbody>
          {(page?.entries ?? []).map((s) => (
            <tr key={s.screenId} data-directory-screen={s.screenId}>
              <td><strong>{s.name}</strong><div className="muted mono">{s.screenId}</div></td>
              <td>{s.group}</td>
              <td><Badge className={`presence-${s.presence}`}>{t[PRESENCE_LABEL[s.presence]]}</Badge></td>
              <td>{s.lastSeen ? formatWhen(s.lastSeen, locale) : '—'}</td>
              <td className="muted">{s.createdAt ? formatWhen(s.createdAt, locale) : '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
