import { useEffect, useState } from 'react';
import type { z } from 'zod';
import type { UsbImported, UsbStick } from '../../core/console/contract';
import { call, type ApiError } from '../api/client';
import { hasRole, useApp } from '../app-context';
import { formatBytes } from '../format';
import { fill } from '../i18n';
import { ErrorBox, OkBox } from './bits';

type Stick = z.infer<typeof UsbStick>;

/** "Write to USB" and the import of what screens wrote back; the server checks the role on both. */
export function UsbPanel() {
  const { t, session } = useApp();
  const [sticks, setSticks] = useState<readonly Stick[]>([]);
  const [chosen, setChosen] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [done, setDone] = useState<string[]>([]);
  const allowed = hasRole(session, 'publisher') || hasRole(session, 'admin');

  const refresh = (): void => {
    void call('usbSticks').then((reply) => {
      if (!reply.ok) return setError(reply.error);
      setSticks(reply.value);
      setChosen((c) => (reply.value.some((s) => s.path === c) ? c : (reply.value[0]?.path ?? '')));
    });
  };
  useEffect(() => (allowed ? refresh() : undefined), [allowed]);
  if (!allowed) return null;

  async function act(kind: 'usbWrite' | 'usbImport'): Promise<void> {
    setBusy(true);
    setError(null);
    setDone([]);
    const reply = await call(kind, { body: { path: chosen } });
    setBusy(false);
    if (!reply.ok) return setError(reply.error);
    if (Array.isArray(reply.value)) setDone((reply.value as z.infer<typeof UsbImported>[]).map((s) => fill(t.usbImported, { screen: s.screenId, n: s.records, outcome: s.reason ?? s.outcome ?? '' })));
    else setDone([fill(t.usbWritten, { v: reply.value.version, files: reply.value.files })]);
    refresh();
  }

  return (
    <div className="panel form section" data-testid="usb-panel">
      <h2>{t.usbTitle}</h2>
      <p className="muted">{t.usbIntro}</p>
      {sticks.length === 0 ? <p>{t.usbNone}</p> : (
        <select value={chosen} onChange={(e) => setChosen(e.target.value)} data-testid="usb-stick">
          {sticks.map((s) => (
            <option key={s.path} value={s.path}>
              {fill(t.usbStick, { path: s.path, free: s.freeBytes === null ? '?' : formatBytes(s.freeBytes), v: s.bundleVersion ?? '–', n: s.returns })}
            </option>
          ))}
        </select>
      )}
      <div className="actions">
        <button type="button" onClick={refresh} disabled={busy}>{t.usbRefresh}</button>
        <button type="button" className="primary" disabled={busy || !chosen} onClick={() => void act('usbWrite')} data-testid="usb-write">{t.usbWrite}</button>
        <button type="button" disabled={busy || !chosen} onClick={() => void act('usbImport')} data-testid="usb-import">{t.usbImport}</button>
      </div>
      <ErrorBox error={error} />
      {done.length > 0 ? <OkBox><span data-testid="usb-done">{done.join('; ')}</span></OkBox> : null}
    </div>
  );
}
