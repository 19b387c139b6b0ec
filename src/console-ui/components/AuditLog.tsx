import { useEffect, useState } from 'react';
import type { AuditPage } from '../../core/console/list-pages';
import { call, type ApiError } from '../api/client';
import { useApp } from '../app-context';
import { fill } from '../i18n';
import { formatWhen } from '../format';
import { ErrorBox } from './bits';

const PAGE = 50;

/** The audit log, newest first, searched and paged on the server: 50 entries at a time, however long the log. */
export function AuditLog() {
  const { t, locale } = useApp();
  const [text, setText] = useState('');
  const [offset, setOffset] = useState(0);
  const [page, setPage] = useState<AuditPage | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  useEffect(() => {
    let current = true;
    const q = text.trim();
    void call('auditPage', { query: { offset, limit: PAGE, ...(q ? { q } : {}) } }).then((reply) => {
      if (!current) return;
      if (reply.ok) setPage(reply.value);
      setError(reply.ok ? null : reply.error);
    });
    return () => void (current = false);
  }, [text, offset]);
  const total = page?.total ?? 0;
  return (
    <div className="section">
      <h2>{t.auditTitle}</h2>
      <div className="toolbar">
        <input type="search" aria-label={t.listSearch} placeholder={t.listSearch} value={text} onChange={(e) => (setText(e.target.value), setOffset(0))} data-testid="audit-search" />
        <button type="button" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))} data-testid="audit-newer">{t.pageNewer}</button>
        <button type="button" disabled={offset + PAGE >= total} onClick={() => setOffset(offset + PAGE)} data-testid="audit-older">{t.pageOlder}</button>
        <span className="muted" data-testid="audit-range">{fill(t.pageRange, { from: total === 0 ? 0 : offset + 1, to: Math.min(total, offset + PAGE), total })}</span>
      </div>
      <ErrorBox error={error} />
      <table className="grid" data-testid="audit">
        <thead>
          <tr>
            <th>{t.colTime}</th>
            <th>{t.username}</th>
            <th>{t.auditAction}</th>
            <th>{t.auditTarget}</th>
          </tr>
        </thead>
        <tbody>
          {(page?.entries ?? []).map((e, i) => (
            <tr key={`${offset + i}:${e.at}`}>
              <td className="muted">{formatWhen(e.at, locale)}</td>
              <td className="mono">{e.actor}</td>
              <td>{e.action}</td>
              <td>
                <code>{e.target}</code> <span className="muted">{e.detail}</span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
