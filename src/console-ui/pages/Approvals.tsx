import { useCallback, useEffect, useState } from 'react';
import type { ItemSummary } from '../../core/console/formats';
import { call, type ApiError } from '../api/client';
import { useApp } from '../app-context';
import { Badge, ErrorBox } from '../components/bits';
import { formatWhen } from '../format';
import { href } from '../router';

function ApprovalRow({ row, onDone }: { row: ItemSummary; onDone: (error: ApiError | null) => void }) {
  const { t, locale } = useApp();
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  async function decide(action: 'approve' | 'reject'): Promise<void> {
    if (action === 'reject' && !comment.trim()) return setProblem(t.commentRequired);
    setBusy(true);
    const reply = await call('transition', { params: { id: row.id }, body: { action, comment: comment.trim(), rev: row.rev } });
    setBusy(false);
    onDone(reply.ok ? null : reply.error);
  }

  return (
    <tr data-id={row.id}>
      <td>
        <Badge className={`badge-${row.kind}`}>{t[`kind_${row.kind}`]}</Badge>
      </td>
      <td>
        <a href={href({ page: 'item', id: row.id })} lang={row.locale}>
          {row.title}
        </a>
        <div className="muted">
          {row.updatedBy} · {formatWhen(row.updatedAt, locale)}
        </div>
      </td>
      <td>
        <input aria-label={t.fieldComment} placeholder={t.fieldComment} value={comment} onChange={(e) => (setComment(e.target.value), setProblem(null))} data-testid="comment" />
        {problem ? <div className="problem">{problem}</div> : null}
      </td>
      <td>
        <div className="actions">
        <button type="button" className="primary" disabled={busy} onClick={() => void decide('approve')} data-testid="approve">
          {t.approve}
        </button>
        <button type="button" disabled={busy} onClick={() => void decide('reject')} data-testid="send-back">
          {t.sendBack}
        </button>
        </div>
      </td>
    </tr>
  );
}

/** The publisher's queue: approve, or send back with a comment saying what to change. */
export function Approvals() {
  const { t } = useApp();
  const [rows, setRows] = useState<readonly ItemSummary[] | null>(null);
  const [error, setError] = useState<ApiError | null>(null);

  const load = useCallback(() => {
    void call('listItems', { query: { status: 'submitted' } }).then((reply) => (reply.ok ? setRows(reply.value.items) : setError(reply.error)));
  }, []);
  useEffect(load, [load]);

  return (
    <div className="page">
      <h1>{t.approvalsTitle}</h1>
      <ErrorBox error={error} />
      {rows === null ? <p className="muted">{t.loading}</p> : null}
      {rows?.length === 0 ? <p className="muted" data-testid="nothing-to-approve">{t.nothingToApprove}</p> : null}
      {rows && rows.length > 0 ? (
        <table className="grid" data-testid="approvals">
          <thead>
            <tr>
              <th>{t.colKind}</th>
              <th>{t.colTitle}</th>
              <th>{t.fieldComment}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <ApprovalRow key={`${row.id}:${row.rev}`} row={row} onDone={(e) => (setError(e), load())} />
            ))}
          </tbody>
        </table>
      ) : null}
    </div>
  );
}
