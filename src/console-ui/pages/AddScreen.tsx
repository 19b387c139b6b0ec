import { useEffect, useState, type FormEvent } from 'react';
import type { ScreenGroup } from '../../core/console/formats';
import { call, type ApiError } from '../api/client';
import { useApp } from '../app-context';
import { ErrorBox, Field, OkBox } from '../components/bits';

/**
 * "Add screen": the code an unconfigured screen shows (the screen's QR code opens this page
 * with it filled in), a name and a group. The server needs the admin role; the screen then
 * fetches its config itself, signed with its own key, within a few seconds.
 */
export function AddScreen({ code: initial }: { code: string }) {
  const { t } = useApp();
  const [code, setCode] = useState(initial);
  const [name, setName] = useState('');
  const [group, setGroup] = useState('');
  const [groups, setGroups] = useState<readonly ScreenGroup[]>([]);
  const [error, setError] = useState<ApiError | string | null>(null);
  const [added, setAdded] = useState<string | null>(null);
  useEffect(() => {
    void call('listGroups').then((reply) => {
      if (!reply.ok) return setError(reply.error);
      setGroups(reply.value);
      setGroup((g) => g || reply.value[0]?.id || '');
    });
  }, []);
  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    setError(null);
    setAdded(null);
    const reply = await call('pairClaim', { body: { code, name, group } });
    if (!reply.ok) return setError(reply.error);
    setAdded(reply.value.screenId);
    setCode('');
    setName('');
  };
  return (
    <div className="page">
      <h1>{t.addScreenTitle}</h1>
      <p className="muted">{t.addScreenHint}</p>
      <ErrorBox error={error} />
      {added ? <OkBox><span data-testid="screen-added">{t.addScreenDone.replace('{id}', added)}</span></OkBox> : null}
      <form onSubmit={(e) => void submit(e)} className="form">
        <Field label={t.addScreenCode}>
          <input name="code" value={code} onChange={(e) => setCode(e.target.value)} autoComplete="off" spellCheck={false} maxLength={20} required data-testid="pair-code-input" />
        </Field>
        <Field label={t.addScreenName}>
          <input name="name" value={name} onChange={(e) => setName(e.target.value)} maxLength={80} required data-testid="screen-name" />
        </Field>
        <Field label={t.fleetGroup}>
          <select value={group} onChange={(e) => setGroup(e.target.value)} data-testid="screen-group">
            {groups.map((g) => <option key={g.id} value={g.id}>{`${g.name} (${g.id})`}</option>)}
          </select>
        </Field>
        {/* A claim needs a group: until the groups have arrived the form cannot be sent. */}
        <button type="submit" className="primary" disabled={group === ''} data-testid="add-screen">{t.addScreenSubmit}</button>
      </form>
    </div>
  );
}
