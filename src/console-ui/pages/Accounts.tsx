import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { Password, Role, Username, type Account } from '../../core/console/formats';
import { call, type ApiError } from '../api/client';
import { useApp } from '../app-context';
import { ErrorBox, Field, OkBox } from '../components/bits';
import { formatWhen } from '../format';
import { SignOutEverywhere } from '../components/SessionsPanel';

function NewAccountForm({ onCreated }: { onCreated: () => void }) {
  const { t } = useApp();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [roles, setRoles] = useState<readonly Role[]>(['editor']);
  const [error, setError] = useState<ApiError | string | null>(null);
  const [created, setCreated] = useState<string | null>(null);
  const nameProblem = username && !Username.safeParse(username).success ? t.fieldIdHint : undefined;
  const passwordProblem = password && !Password.safeParse(password).success ? t.passwordTooShort : undefined;

  async function submit(event: FormEvent): Promise<void> {
    event.preventDefault();
    if (nameProblem || passwordProblem || roles.length === 0) return;
    const reply = await call('createAccount', { body: { username, password, roles: [...roles] } });
    if (!reply.ok) return setError(reply.error);
    setError(null);
    setCreated(reply.value.username);
    setUsername('');
    setPassword('');
    onCreated();
  }

  return (
    <form className="panel form section" onSubmit={(e) => void submit(e)} data-testid="new-account">
      <h2>{t.addAccount}</h2>
      <div className="form-grid">
        <Field label={t.username} problem={nameProblem}>
          <input name="username" value={username} onChange={(e) => setUsername(e.target.value.trim())} required />
        </Field>
        <Field label={t.password} problem={passwordProblem}>
          <input name="password" type="password" autoComplete="new-password" value={password} onChange={(e) => setPassword(e.target.value)} required />
        </Field>
        <Field label={t.role}>
          <span className="actions">
            {Role.options.map((r) => (
              <label key={r}>
                <input type="checkbox" name={`role-${r}`} checked={roles.includes(r)} onChange={(e) => setRoles(e.target.checked ? [...roles, r] : roles.filter((x) => x !== r))} /> {t[`role_${r}`]}
              </label>
            ))}
          </span>
        </Field>
      </div>
      <ErrorBox error={error} />
      {created ? <OkBox>{t.accountCreated}: {created}</OkBox> : null}
      <div className="actions">
        <button type="submit" className="primary" data-testid="create-account">
          {t.addAccount}
        </button>
      </div>
    </form>
  );
}

/** Admin only: who may sign in, and in which roles. */
export function Accounts() {
  const { t, locale, session } = useApp();
  const [accounts, setAccounts] = useState<readonly Account[]>([]);
  const [error, setError] = useState<ApiError | null>(null);
  const load = useCallback(() => {
    void call('listAccounts').then((reply) => (reply.ok ? setAccounts(reply.value) : setError(reply.error)));
  }, []);
  useEffect(load, [load]);

  async function toggle(account: Account): Promise<void> {
    const reply = await call('changeAccount', { params: { username: account.username }, body: { disabled: !account.disabled } });
    if (!reply.ok) setError(reply.error);
    load();
  }

  return (
    <div className="page">
      <h1>{t.accountsTitle}</h1>
      <ErrorBox error={error} />
      <table className="grid" data-testid="accounts">
        <thead>
          <tr>
            <th>{t.username}</th>
            <th>{t.role}</th>
            <th>{t.status}</th>
            <th>{t.colCreated}</th>
            <th>{t.signOutEverywhere}</th>
          </tr>
        </thead>
        <tbody>
          {accounts.map((a) => (
            <tr key={a.username}>
              <td className="mono">{a.username}</td>
              <td>{a.roles.map((r) => t[`role_${r}`]).join('、')}</td>
              <td>
                <label>
                  <input type="checkbox" checked={!a.disabled} disabled={a.username === session?.username} onChange={() => void toggle(a)} /> {a.disabled ? t.disabled : t.active}
                </label>
              </td>
              <td className="muted">{formatWhen(a.createdAt, locale)}</td>
              <td><SignOutEverywhere username={a.username} compact /></td>
            </tr>
          ))}
        </tbody>
      </table>
      <NewAccountForm onCreated={load} />
    </div>
  );
}
