import { useCallback, useEffect, useState } from 'react';
import type { z } from 'zod';
import type { DeviceSnippet } from '../../core/console/contract';
import { ScreenGroup } from '../../core/console/formats';
import { Locale } from '../../core/model/content';
import { Layout, Ticker } from '../../core/model/playlist';
import { call, type ApiError } from '../api/client';
import { hasRole, useApp } from '../app-context';
import { OnHoursEditor, StageEditor } from '../components/GroupParts';
import { ErrorBox, Field, OkBox } from '../components/bits';
import { splitList } from '../format';
import { DEFAULT_TIME_ZONE } from '../../core/model/playlist';

const NEW_GROUP: ScreenGroup = {
  id: 'new-group',
  name: '',
  layout: 'landscape',
  locales: ['zh-CN'],
  timeZone: DEFAULT_TIME_ZONE,
  ticker: Ticker.parse({ sources: [{ type: 'slogans' }] }),
  stage: [{ type: 'next-video' }, { type: 'case-of-the-day', seconds: 20 }, { type: 'next-notice', variant: 'help', seconds: 12 }],
  onHours: { rules: [], outside: 'standby' },
  tags: [],
  rev: 0,
};

function Snippet({ group }: { group: ScreenGroup }) {
  const { t } = useApp();
  const [snippet, setSnippet] = useState<z.infer<typeof DeviceSnippet> | null>(null);
  const [copied, setCopied] = useState(false);
  useEffect(() => {
    void call('deviceConfig', { params: { id: group.id } }).then((reply) => reply.ok && setSnippet(reply.value));
  }, [group.id, group.rev]);
  if (!snippet) return null;
  const text = JSON.stringify(snippet.config, null, 2);
  const download = `data:application/json;charset=utf-8,${encodeURIComponent(text + '\n')}`;
  return (
    <div className="form">
      <h2>{t.deviceConfig}</h2>
      <p className="muted">{t.deviceConfigHint}</p>
      <pre className="snippet" data-testid="device-config">{text}</pre>
      <div className="actions">
        <button type="button" onClick={() => void navigator.clipboard.writeText(text).then(() => setCopied(true))}>
          {copied ? t.copied : t.copy}
        </button>
        <a href={download} download={`${group.id}.config.json`}>
          {t.download}
        </a>
      </div>
    </div>
  );
}

/** Name, layout, languages, time zone, ticker and tags of a screen group. */
function GroupBasics({ group, set }: { group: ScreenGroup; set: (patch: Partial<ScreenGroup>) => void }) {
  const { t } = useApp();
  const slogans = group.ticker.sources.find((s) => s.type === 'slogans');
  const setTickerTags = (text: string): void => {
    const tags = splitList(text);
    set({ ticker: { ...group.ticker, sources: [{ type: 'slogans', ...(tags.length ? { tags } : {}) }, ...group.ticker.sources.filter((s) => s.type !== 'slogans')] } });
  };
  return (
    <div className="form-grid">
      <Field label={t.fieldId}>
        <input className="mono" value={group.id} readOnly={group.rev > 0} onChange={(e) => set({ id: e.target.value })} />
      </Field>
      <Field label={t.groupName}>
        <input value={group.name} onChange={(e) => set({ name: e.target.value })} data-testid="group-name" />
      </Field>
      <Field label={t.layout}>
        <select value={group.layout} onChange={(e) => set({ layout: Layout.parse(e.target.value) })}>
          {Layout.options.map((l) => (
            <option key={l} value={l}>
              {t[`layout_${l}`]}
            </option>
          ))}
        </select>
      </Field>
      <Field label={t.locales}>
        <span className="actions">
          {Locale.options.map((l) => (
            <label key={l}>
              <input type="checkbox" checked={group.locales.includes(l)} onChange={(e) => set({ locales: e.target.checked ? [...group.locales, l] : group.locales.filter((x) => x !== l) })} /> {l}
            </label>
          ))}
        </span>
      </Field>
      <Field label={t.timeZone}>
        <input value={group.timeZone} onChange={(e) => set({ timeZone: e.target.value.trim() })} list="time-zones" />
        <datalist id="time-zones">
          {['Asia/Shanghai', 'Asia/Hong_Kong', 'Asia/Macau', 'Asia/Taipei', 'Asia/Singapore', 'Europe/London', 'UTC'].map((z) => (
            <option key={z} value={z} />
          ))}
        </datalist>
      </Field>
      <Field label={t.tickerSpeed}>
        <input type="number" min={1} max={20} step={0.5} value={group.ticker.charsPerSecond} onChange={(e) => set({ ticker: { ...group.ticker, charsPerSecond: Number(e.target.value) } })} />
      </Field>
      <Field label={t.tickerTags} hint={t.fieldTagsHint}>
        <input value={slogans?.type === 'slogans' ? (slogans.tags ?? []).join(', ') : ''} onChange={(e) => setTickerTags(e.target.value)} />
      </Field>
      <Field label={t.fieldTags} hint={t.groupTagsHint}>
        <input value={group.tags.join(', ')} onChange={(e) => set({ tags: splitList(e.target.value) })} />
      </Field>
      <Field label={t.outside}>
        <select value={group.onHours.outside} onChange={(e) => set({ onHours: { ...group.onHours, outside: e.target.value === 'black' ? 'black' : 'standby' } })}>
          <option value="standby">{t.outside_standby}</option>
          <option value="black">{t.outside_black}</option>
        </select>
      </Field>
    </div>
  );
}

/** "Play in step": the group is its own sync group; the video slot fixes each video's share of the loop. */
function SyncField({ group, set }: { group: ScreenGroup; set: (patch: Partial<ScreenGroup>) => void }) {
  const { t } = useApp();
  const sync = group.sync;
  const toggle = (on: boolean): void => set({ sync: on ? { group: group.id, videoSeconds: 15 } : undefined });
  return (
    <div className="form-grid">
      <Field label={t.playInStep} hint={t.playInStepHint}>
        <input type="checkbox" checked={sync !== undefined} onChange={(e) => toggle(e.target.checked)} data-testid="group-sync" />
      </Field>
      {sync ? (
        <Field label={t.videoSlotSeconds}>
          <input type="number" min={1} max={3600} value={sync.videoSeconds ?? 15} onChange={(e) => set({ sync: { ...sync, videoSeconds: Number(e.target.value) } })} />
        </Field>
      ) : null}
    </div>
  );
}

function GroupForm({ initial, onSaved }: { initial: ScreenGroup; onSaved: (g: ScreenGroup) => void }) {
  const { t, session } = useApp();
  const [group, setGroup] = useState(initial);
  const [error, setError] = useState<ApiError | string | null>(null);
  const [saved, setSaved] = useState(false);
  const set = (patch: Partial<ScreenGroup>): void => (setSaved(false), setGroup((g) => ({ ...g, ...patch })));

  async function save(): Promise<void> {
    const parsed = ScreenGroup.safeParse(group);
    if (!parsed.success) return setError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
    const reply = await call('saveGroup', { params: { id: group.id }, body: parsed.data });
    if (!reply.ok) return setError(reply.error);
    setError(null);
    setSaved(true);
    setGroup(reply.value);
    onSaved(reply.value);
  }

  return (
    <div className="panel form">
      <GroupBasics group={group} set={set} />
      <h2>{t.stageLoop}</h2>
      <StageEditor stage={group.stage} onChange={(stage) => set({ stage })} />
      <h2>{t.playInStep}</h2>
      <SyncField group={group} set={set} />
      <h2>{t.onHours}</h2>
      <OnHoursEditor rules={group.onHours.rules} onChange={(rules) => set({ onHours: { ...group.onHours, rules } })} />
      <ErrorBox error={error} />
      {saved ? <OkBox>{t.saved}</OkBox> : null}
      {hasRole(session, 'admin') ? (
        <div className="actions">
          <button type="button" className="primary" onClick={() => void save()} data-testid="save-group">
            {t.save}
          </button>
        </div>
      ) : null}
      {initial.rev > 0 ? <Snippet group={group} /> : null}
    </div>
  );
}

/** Screen groups: what every screen of a group plays, and the config snippet that points a screen at the feed. */
export function Groups() {
  const { t, session } = useApp();
  const [groups, setGroups] = useState<readonly ScreenGroup[]>([]);
  const [selected, setSelected] = useState<ScreenGroup | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const load = useCallback(() => {
    void call('listGroups').then((reply) => {
      if (!reply.ok) return setError(reply.error);
      setGroups(reply.value);
      setSelected((s) => s ?? reply.value[0] ?? null);
    });
  }, []);
  useEffect(load, [load]);

  return (
    <div className="page">
      <h1>{t.groupsTitle}</h1>
      <ErrorBox error={error} />
      <div className="actions" style={{ marginBottom: 12 }} data-testid="groups">
        {groups.map((g) => (
          <button key={g.id} type="button" className={selected?.id === g.id ? 'primary' : ''} onClick={() => setSelected(g)}>
            {g.name}
          </button>
        ))}
        {hasRole(session, 'admin') ? (
          <button type="button" onClick={() => setSelected(NEW_GROUP)}>
            + {t.newGroup}
          </button>
        ) : null}
      </div>
      {selected ? <GroupForm key={`${selected.id}:${selected.rev}`} initial={selected} onSaved={(g) => (setSelected(g), load())} /> : null}
    </div>
  );
}
