import type { ReactNode } from 'react';
import { useApp } from '../app-context';
import { describeError, type ApiError } from '../api/client';

export function Field({ label, hint, problem, wide, children }: { label: string; hint?: string; problem?: string | undefined; wide?: boolean; children: ReactNode }) {
  return (
    <label className={wide ? 'field field-wide' : 'field'}>
      <span>
        {label} {hint ? <span className="hint">{hint}</span> : null}
      </span>
      {children}
      {problem ? (
        <span className="problem" role="alert">
          {problem}
        </span>
      ) : null}
    </label>
  );
}

export function ErrorBox({ error }: { error: ApiError | string | null }) {
  const { t } = useApp();
  if (!error) return null;
  const text = typeof error === 'string' ? error : describeError(error, t);
  const reasons = typeof error === 'string' ? [] : error.reasons;
  return (
    <div className="notice notice-error" role="alert" data-testid="error">
      {text}
      {reasons.length > 0 ? (
        <ul>
          {reasons.map((r) => (
            <li key={r.id + r.reason}>
              <code>{r.id}</code>: {r.reason}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

export function OkBox({ children }: { children: ReactNode }) {
  return (
    <div className="notice notice-ok" role="status" data-testid="ok">
      {children}
    </div>
  );
}

export function ProgressBar({ done, total, label, testId }: { done: number; total: number; label: string; testId?: string }) {
  const share = total > 0 ? Math.min(1, done / total) : 0;
  return (
    <div className="progress" data-testid={testId}>
      <span>{label}</span>
      <div className="progress-bar" role="progressbar" aria-valuemin={0} aria-valuemax={total} aria-valuenow={done}>
        <div style={{ width: `${(share * 100).toFixed(1)}%` }} />
      </div>
    </div>
  );
}

export function Badge({ className, children }: { className: string; children: ReactNode }) {
  return <span className={`badge ${className}`}>{children}</span>;
}
