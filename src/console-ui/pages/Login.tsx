import { useState, type FormEvent } from 'react';
import { call, setCsrf } from '../api/client';
import { useApp } from '../app-context';
import { Card } from '../components/Layout';
import { ErrorBox, Field } from '../components/bits';
import { go, useRoute } from '../router';

export function Login({ setupNeeded }: { setupNeeded: boolean }) {
  const { t, setSession } = useApp();
  const route = useRoute();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent): Promise<void> {
    event.preventDefault();
    setBusy(true);
    const reply = await call('login', { body: { username: username.trim(), password } });
    setBusy(false);
    if (!reply.ok) {
      const { kind, message } = reply.error;
      const limited = kind === 'rate-limited' || /too many/i.test(message);
      const refused = kind === 'unauthenticated' || kind === 'forbidden' || kind === 'invalid';
      return setError(limited ? t.tooManyAttempts : refused ? t.loginFailed : t.errorPrefix + message);
    }
    setCsrf(reply.value.csrf);
    setSession(reply.value.account);
    if (route.page === 'login') go({ page: 'library' });
  }

  return (
    <Card title={t.loginTitle}>
      {setupNeeded ? <p className="notice notice-info">{t.setupNoToken}</p> : null}
      <form className="form" onSubmit={(e) => void submit(e)} data-testid="login-form">
        <Field label={t.username}>
          <input name="username" autoComplete="username" value={username} onChange={(e) => setUsername(e.target.value)} required />
        </Field>
        <Field label={t.password}>
          <input name="password" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} required />
        </Field>
        <ErrorBox error={error} />
        <div className="actions">
          <button type="submit" className="primary" disabled={busy}>
            {t.login}
          </button>
        </div>
      </form>
    </Card>
  );
}
