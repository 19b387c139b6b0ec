import { useState, type FormEvent } from 'react';
import { Password, Username } from '../../core/console/formats';
import { call, setCsrf, type ApiError } from '../api/client';
import { useApp } from '../app-context';
import { Card } from '../components/Layout';
import { ErrorBox, Field } from '../components/bits';
import { go } from '../router';

/** The one-time set-up link: creates the first admin, then signs them in. */
export function Setup({ token }: { token: string }) {
  const { t, setSession } = useApp();
  const [username, setUsername] = useState('admin');
  const [password, setPassword] = useState('');
  const [again, setAgain] = useState('');
  const [error, setError] = useState<ApiError | string | null>(null);
  const [busy, setBusy] = useState(false);

  const nameProblem = username && !Username.safeParse(username).success ? t.fieldIdHint : undefined;
  const passwordProblem = password && !Password.safeParse(password).success ? t.passwordTooShort : undefined;
  const againProblem = again && again !== password ? t.passwordMismatch : undefined;

  async function submit(event: FormEvent): Promise<void> {
    event.preventDefault();
    if (nameProblem || passwordProblem || againProblem || !password) return;
    setBusy(true);
    const reply = await call('setup', { body: { token, username, password } });
    setBusy(false);
    if (!reply.ok) return setError(reply.error);
    setCsrf(reply.value.csrf);
    // Leave the token out of the address bar and history once it is spent.
    window.history.replaceState(null, '', window.location.pathname.replace(/setup\/?$/, ''));
    setSession(reply.value.account);
    go({ page: 'accounts' });
  }

  return (
    <Card title={t.setupTitle}>
      {token ? (
        <form className="form" onSubmit={(e) => void submit(e)} data-testid="setup-form">
          <p className="muted">{t.setupIntro}</p>
          <Field label={t.username} problem={nameProblem}>
            <input name="username" autoComplete="username" value={username} onChange={(e) => setUsername(e.target.value.trim())} required />
          </Field>
          <Field label={t.password} hint={t.passwordTooShort} problem={passwordProblem}>
            <input name="password" type="password" autoComplete="new-password" value={password} onChange={(e) => setPassword(e.target.value)} required />
          </Field>
          <Field label={t.passwordAgain} problem={againProblem}>
            <input name="again" type="password" autoComplete="new-password" value={again} onChange={(e) => setAgain(e.target.value)} required />
          </Field>
          <ErrorBox error={error} />
          <div className="actions">
            <button type="submit" className="primary" disabled={busy}>
              {t.createAdmin}
            </button>
          </div>
        </form>
      ) : (
        <ErrorBox error={t.setupNoToken} />
      )}
    </Card>
  );
}
