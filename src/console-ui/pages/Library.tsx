import { memo, useCallback, useDeferredValue, useState } from 'react';
import { ItemKind, WorkflowStatus } from '../../core/console/formats';
import { call } from '../api/client';
import { useApp } from '../app-context';
import { VirtualList } from '../components/VirtualList';
import { Badge, ErrorBox } from '../components/bits';
import { fill } from '../i18n';
import { formatWhen } from '../format';
import { EMPTY_QUERY, type LibraryQuery, type LibraryRow } from '../library-query';
import { usePagedRows } from '../paged-rows';
import { href } from '../router';

const ROW_HEIGHT = 40;

/** One row; memoised, so scrolling re-renders only the rows that come into view. */
const Row = memo(function Row({ row }: { row: LibraryRow }) {
  const { t, locale } = useApp();
  return (
    <a className="lib-row" href={href({ page: 'item', id: row.id })} data-id={row.id}>
      <span>
        <Badge className={`badge-${row.kind}`}>{t[`kind_${row.kind}`]}</Badge>
      </span>
      <span className="title" title={row.title} lang={row.locale}>
        {row.title}
      </span>
      <span className="muted">{row.locale ?? '—'}</span>
      <span className="tags">{row.tags.join(', ')}</span>
      <span>
        <Badge className={`status-${row.status}`}>{t[`status_${row.status}`]}</Badge>
        {row.live && row.status !== 'published' ? <span className="live" title={t.live} aria-label={t.live} /> : null}
      </span>
      <span className="when">
        {formatWhen(row.updatedAt, locale)} · {row.updatedBy}
      </span>
    </a>
  );
});

const renderRow = (row: LibraryRow) => <Row row={row} />;

function Toolbar({ query, tags, count, set }: { query: LibraryQuery; tags: readonly string[]; count: number; set: (patch: Partial<LibraryQuery>) => void }) {
  const { t } = useApp();
  return (
    <div className="toolbar">
      <input type="search" aria-label={t.search} placeholder={t.searchPlaceholder} value={query.text} onChange={(e) => set({ text: e.target.value })} data-testid="search" />
      <select aria-label={t.colKind} value={query.kind} onChange={(e) => set({ kind: e.target.value === '' ? '' : ItemKind.parse(e.target.value) })} data-testid="filter-kind">
        <option value="">{t.allKinds}</option>
        {ItemKind.options.map((k) => (
          <option key={k} value={k}>
            {t[`kind_${k}`]}
          </option>
        ))}
      </select>
      <select aria-label={t.colStatus} value={query.status} onChange={(e) => set({ status: e.target.value === '' ? '' : WorkflowStatus.parse(e.target.value) })} data-testid="filter-status">
        <option value="">{t.allStatuses}</option>
        {WorkflowStatus.options.map((s) => (
          <option key={s} value={s}>
            {t[`status_${s}`]}
          </option>
        ))}
      </select>
      <select aria-label={t.colTags} value={query.tag} onChange={(e) => set({ tag: e.target.value })} data-testid="filter-tag">
        <option value="">{t.allTags}</option>
        {tags.map((tag) => (
          <option key={tag} value={tag}>
            {tag}
          </option>
        ))}
      </select>
      <span className="muted" data-testid="count">
        {fill(t.itemsCount, { n: count })}
      </span>
    </div>
  );
}

/** The library list's query as the server's page route takes it. */
const pageQuery = (q: LibraryQuery) => ({
  ...(q.text.trim() ? { q: q.text.trim() } : {}),
  ...(q.kind ? { kind: q.kind } : {}),
  ...(q.status ? { status: q.status } : {}),
  ...(q.tag ? { tag: q.tag } : {}),
});

/** Every item, searched and filtered on the server one page at a time; only the rows in view are drawn. */
export function Library() {
  const { t } = useApp();
  const [query, setQuery] = useState<LibraryQuery>(EMPTY_QUERY);
  // Typing stays responsive: the request follows the keystroke at a lower priority.
  const deferred = useDeferredValue(query);
  const fetchPage = useCallback(
    (offset: number, limit: number) => call('itemPage', { query: { ...pageQuery(deferred), offset, limit } }),
    [deferred],
  );
  const paged = usePagedRows(fetchPage, JSON.stringify(pageQuery(deferred)));
  const set = (patch: Partial<LibraryQuery>): void => setQuery((q) => ({ ...q, ...patch }));
  const count = paged.total ?? 0;

  return (
    <div className="page page-full">
      <h1>{t.libraryTitle}</h1>
      <Toolbar query={query} tags={paged.last?.tags ?? []} count={count} set={set} />
      <ErrorBox error={paged.error} />
      <div className="lib-head" role="presentation">
        <span>{t.colKind}</span>
        <span>{t.colTitle}</span>
        <span>{t.colLocale}</span>
        <span>{t.colTags}</span>
        <span>{t.colStatus}</span>
        <span>{t.colUpdated}</span>
      </div>
      {paged.total === null && !paged.error ? <p className="muted">{t.loading}</p> : null}
      {paged.total === 0 ? <p className="muted">{t.noItems}</p> : null}
      <VirtualList count={count} rowAt={paged.rowAt} onRange={paged.show} rowHeight={ROW_HEIGHT} rowKey={(r) => r.id} renderRow={renderRow} label={t.libraryTitle} testId="library" />
    </div>
  );
}
