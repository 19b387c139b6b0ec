import { useState } from 'react';
import { call, type ApiError } from '../api/client';
import { useApp } from '../app-context';
import { fill } from '../i18n';
import { ErrorBox, OkBox } from './bits';

/**
 * "Sign out everywhere": ends every session of an account (a lost laptop, a shared PC).
 * Without `username`, the caller's own, this browser included; an admin may name another.
 */
export function SignOutEverywhere({ username, compact }: { username?: string; compact?: boolean }) {
  const { t, session, setSession } = useApp();
  const [error, setError] = useState<ApiError | null>(null);
  const [ended, setEnded] = useState<number | null>(null);
  const own = username === undefined || username === session?.username;
  async function run(): Promise<void> {
    const reply = await call('revokeSessions', { body: username === undefined ? {} : { username } });
    if (!reply.ok) return setError(reply.error);
    setError(null);
    if (own) return setSession(null);
    setEnded(reply.value.revoked);
  }
  const button = (
    <button type="button" className={compact ? 'link' : 'danger'} onClick={() => void run()} data-testid={compact ? `sign-out-everywhere-${username ?? ''}` : 'sign-out-everywhere'}>
      {t.signOutEverywhere}
    </button>
  );
  if (compact) return <>{button}{ended !== null ? <span className="muted"> {fill(t.sessionsEnded, { n: ended })}</span> : null}<ErrorBox error={error} /></>;
  return (
    <div className="section">
      <h2>{t.signOutEverywhere}</h2>
      <p className="muted">{t.signOutEverywhereHint}</p>
      {button}
      <ErrorBox error={error} />
      {ended !== null ? <OkBox>{fill(t.sessionsEnded, { n: ended })}</OkBox> : null}
    </div>
  );
}
