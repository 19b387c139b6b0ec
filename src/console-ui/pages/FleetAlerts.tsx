import { useState } from 'react';
import type { AlertLevel } from '../../core/model/content';
import type { MessageTarget } from '../../core/fleet/signed-message';
import { call, type ApiError } from '../api/client';
import { useApp } from '../app-context';
import { ErrorBox, Field, OkBox } from '../components/bits';
import { formatWhen } from '../format';
import { fill } from '../i18n';
import { groupsOf, type Fleet } from './fleet-view';

function targetOf(scope: MessageTarget['scope'], value: string): MessageTarget {
  switch (scope) {
    case 'all':
      return { scope: 'all' };
    case 'group':
      return { scope: 'group', group: value };
    case 'screen':
      return { scope: 'screen', screen: value };
  }
}

function ActiveAlerts({ fleet, onSent }: { fleet: Fleet; onSent: () => void }) {
  const { t, locale } = useApp();
  if (fleet.alerts.length === 0) return <p className="muted">{t.fleetNoAlerts}</p>;
  return (
    <ul className="fleet-alerts" data-testid="active-alerts">
      {fleet.alerts.map((a) => {
        const shown = fleet.screens.filter((r) => r.applied?.alertIds.includes(`fleet-${a.id}`)).length;
        return (
          <li key={a.id} data-alert={a.id}>
            <strong>{a.text}</strong> <span className="muted">{`${a.level} · ${formatWhen(a.expires, locale)} · ${fill(t.fleetAcked, { n: shown, m: fleet.screens.length })}`}</span>{' '}
            <button type="button" onClick={() => void call('fleetClear', { params: { id: a.id }, body: {} }).then(onSent)}>{t.fleetClear}</button>
          </li>
        );
      })}
    </ul>
  );
}

/** A signed alert to all screens, a group or one, with a level and how long it stays; and the clear action. */
export function AlertPanel({ fleet, onSent }: { fleet: Fleet; onSent: () => void }) {
  const { t } = useApp();
  const [text, setText] = useState('');
  const [level, setLevel] = useState<AlertLevel>('critical');
  const [minutes, setMinutes] = useState(60);
  const [scope, setScope] = useState<MessageTarget['scope']>('all');
  const [value, setValue] = useState('');
  const [result, setResult] = useState<{ seq: number } | ApiError | null>(null);
  const send = async (): Promise<void> => {
    const reply = await call('fleetAlert', { body: { text: text.trim(), level, minutes, target: targetOf(scope, value) } });
    setResult(reply.ok ? reply.value : reply.error);
    if (reply.ok) onSent();
  };
  const choices = scope === 'group' ? groupsOf(fleet.screens) : fleet.screens.map((r) => r.screenId);
  return (
    <section className="panel form" data-testid="alert-panel">
      <h2>{t.fleetAlertTitle}</h2>
      <Field label={t.fleetAlertText} wide><textarea value={text} maxLength={300} onChange={(e) => setText(e.target.value)} data-testid="alert-text" /></Field>
      <Field label={t.fieldLevel}><select value={level} onChange={(e) => setLevel(e.target.value as AlertLevel)}>{(['critical', 'warning', 'info'] as const).map((l) => <option key={l} value={l}>{t[`level_${l}`]}</option>)}</select></Field>
      <Field label={t.fleetAlertMinutes}><input type="number" min={1} max={10080} value={minutes} onChange={(e) => setMinutes(Number(e.target.value))} /></Field>
      <Field label={t.fleetAlertTarget}>
        <select value={scope} onChange={(e) => setScope(e.target.value as MessageTarget['scope'])} data-testid="alert-scope">
          <option value="all">{t.fleetTargetAll}</option><option value="group">{t.fleetTargetGroup}</option><option value="screen">{t.fleetTargetScreen}</option>
        </select>
        {scope === 'all' ? null : <select value={value} onChange={(e) => setValue(e.target.value)}><option value="" />{choices.map((c) => <option key={c} value={c}>{c}</option>)}</select>}
      </Field>
      <div className="actions"><button type="button" className="primary" disabled={!text.trim()} onClick={() => void send()} data-testid="send-alert">{t.fleetSend}</button></div>
      {result && 'seq' in result ? <OkBox>{fill(t.fleetSent, { seq: result.seq })}</OkBox> : <ErrorBox error={result} />}
      <h3>{t.fleetActive}</h3>
      <ActiveAlerts fleet={fleet} onSent={onSent} />
    </section>
  );
}
