import { useEffect, useState } from 'react';
import type { z } from 'zod';
import { Settings as SettingsSchema, type KeyInfo } from '../../core/console/contract';
import { call, type ApiError } from '../api/client';
import { useApp } from '../app-context';
import { ErrorBox, Field, OkBox } from '../components/bits';
import { forgetPolicyLists } from '../components/PolicyPanel';
import { AuditLog } from '../components/AuditLog';
import { SignOutEverywhere } from '../components/SessionsPanel';

type SettingsValue = z.infer<typeof SettingsSchema>;
type ListName = keyof SettingsValue['policy'];

const lines = (text: string): string[] => text.split('\n').map((s) => s.trim()).filter(Boolean);

function SettingsForm({ initial }: { initial: SettingsValue }) {
  const { t } = useApp();
  const [value, setValue] = useState(initial);
  const [error, setError] = useState<ApiError | string | null>(null);
  const [saved, setSaved] = useState(false);
  const set = (patch: Partial<SettingsValue>): void => (setSaved(false), setValue((v) => ({ ...v, ...patch })));
  const setList = (name: ListName, text: string): void => set({ policy: { ...value.policy, [name]: lines(text) } });

  async function save(): Promise<void> {
    const parsed = SettingsSchema.safeParse(value);
    if (!parsed.success) return setError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
    const reply = await call('saveSettings', { body: parsed.data });
    if (!reply.ok) return setError(reply.error);
    setError(null);
    setSaved(true);
    setValue(reply.value);
    forgetPolicyLists();
  }

  const list = (name: ListName, label: string) => (
    <Field label={label} hint={t.onePerLine}>
      <textarea className="mono" rows={4} defaultValue={value.policy[name].join('\n')} onChange={(e) => setList(name, e.target.value)} data-testid={`policy-${name}`} />
    </Field>
  );
  return (
    <div className="panel form">
      <div className="form-grid">
        <Field label={t.publicUrl} hint={t.publicUrlHint} wide>
          <input value={value.publicUrl} onChange={(e) => set({ publicUrl: e.target.value.trim() })} data-testid="public-url" />
        </Field>
        <Field label={t.expiryDays}>
          <input type="number" min={1} max={365} value={value.expiryDays} onChange={(e) => set({ expiryDays: Number(e.target.value) })} />
        </Field>
        <Field label={t.maxUploadMb}>
          <input type="number" min={1} max={4096} value={value.maxUploadMb} onChange={(e) => set({ maxUploadMb: Number(e.target.value) })} />
        </Field>
      </div>
      <h2>{t.policyLists}</h2>
      <div className="form-grid">
        {list('allowedPhones', t.allowedPhones)}
        {list('allowedLinkHosts', t.allowedLinkHosts)}
        {list('blockedTerms', t.blockedTerms)}
      </div>
      <ErrorBox error={error} />
      {saved ? <OkBox>{t.saved}</OkBox> : null}
      <div className="actions">
        <button type="button" className="primary" onClick={() => void save()} data-testid="save-settings">
          {t.save}
        </button>
      </div>
    </div>
  );
}

function Keys() {
  const { t } = useApp();
  const [keys, setKeys] = useState<z.infer<typeof KeyInfo> | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  useEffect(() => {
    void call('keys').then((reply) => (reply.ok ? setKeys(reply.value) : setError(reply.error)));
  }, []);
  async function rotate(): Promise<void> {
    if (!window.confirm(t.rotateConfirm)) return;
    const reply = await call('rotateKey');
    if (reply.ok) setKeys(reply.value);
    else setError(reply.error);
  }
  return (
    <div className="panel form section">
      <h2>{t.publicKey}</h2>
      <pre className="snippet" data-testid="settings-public-key">{keys?.publicKey ?? '…'}</pre>
      <p className="muted">{t.rotateHint}</p>
      <ErrorBox error={error} />
      <div className="actions">
        <button type="button" onClick={() => void rotate()}>
          {t.rotateKey}
        </button>
      </div>
    </div>
  );
}

/** Admin: where screens find the feed, how long it stays valid, the policy lists, the key and the audit log. */
export function Settings() {
  const { t } = useApp();
  const [settings, setSettings] = useState<SettingsValue | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  useEffect(() => {
    void call('getSettings').then((reply) => (reply.ok ? setSettings(reply.value) : setError(reply.error)));
  }, []);
  return (
    <div className="page">
      <h1>{t.settingsTitle}</h1>
      <ErrorBox error={error} />
      {settings ? <SettingsForm initial={settings} /> : null}
      <Keys />
      <SignOutEverywhere />
      <AuditLog />
    </div>
  );
}
