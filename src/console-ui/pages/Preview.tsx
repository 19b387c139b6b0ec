import { useEffect, useState } from 'react';
import type { z } from 'zod';
import { PREVIEW_PREFIX, type CaseOfDay } from '../../core/console/contract';
import type { ScreenGroup } from '../../core/console/formats';
import type { Layout } from '../../core/model/playlist';
import { call, type ApiError } from '../api/client';
import { useApp } from '../app-context';
import { ErrorBox, Field } from '../components/bits';
import { fill } from '../i18n';
import { isoToZoned, zonedToIso } from '../zoned-time';
import { DEFAULT_TIME_ZONE } from '../../core/model/playlist';

/** The pixel sizes the preview draws, as the screens have them. */
export const PREVIEW_SIZES: Readonly<Record<Layout, { readonly width: number; readonly height: number }>> = {
  landscape: { width: 1920, height: 1080 },
  portrait: { width: 1080, height: 1920 },
  strip: { width: 1536, height: 128 },
};
const BOX = { width: 880, height: 520 };

type Source = 'draft' | 'published';

/**
 * The real player bundle, served by the console under the group's own path so that its
 * relative `api/state` asks for that group's state; `?now=` moves its clock.
 */
export function previewUrl(group: string, source: Source, nowIso: string | null): string {
  const query = nowIso ? `?now=${encodeURIComponent(nowIso)}` : '';
  return `${PREVIEW_PREFIX}/${encodeURIComponent(group)}/${source}/${query}`;
}

interface View {
  readonly group: string;
  readonly size: Layout;
  readonly when: string;
  readonly source: Source;
}

function Controls({ groups, view, timeZone, set, reload }: { groups: readonly ScreenGroup[]; view: View; timeZone: string; set: (patch: Partial<View>) => void; reload: () => void }) {
  const { t } = useApp();
  return (
    <div className="toolbar">
      <Field label={t.group}>
        <select value={view.group} onChange={(e) => set({ group: e.target.value })} data-testid="preview-group">
          {groups.map((g) => (
            <option key={g.id} value={g.id}>
              {g.name}
            </option>
          ))}
        </select>
      </Field>
      <Field label={t.size}>
        <select value={view.size} onChange={(e) => set({ size: e.target.value as Layout })} data-testid="preview-size">
          {(Object.keys(PREVIEW_SIZES) as Layout[]).map((l) => (
            <option key={l} value={l}>
              {t[`layout_${l}`]} ({PREVIEW_SIZES[l].width}×{PREVIEW_SIZES[l].height})
            </option>
          ))}
        </select>
      </Field>
      <Field label={t.dateTime} hint={timeZone}>
        <input type="datetime-local" value={view.when} onChange={(e) => set({ when: e.target.value })} data-testid="preview-now" />
      </Field>
      <Field label={t.previewSource}>
        <select value={view.source} onChange={(e) => set({ source: e.target.value === 'published' ? 'published' : 'draft' })} data-testid="preview-source">
          <option value="draft">{t.source_draft}</option>
          <option value="published">{t.source_published}</option>
        </select>
      </Field>
      <button type="button" onClick={reload}>
        {t.reload}
      </button>
    </div>
  );
}

function CaseTable({ cases }: { cases: z.infer<typeof CaseOfDay> }) {
  const { t } = useApp();
  return (
    <>
      <h2>{fill(t.caseOfDay, { date: cases.date })}</h2>
      <table className="grid" data-testid="case-of-day">
        <tbody>
          {cases.groups.map((g) => (
            <tr key={g.group}>
              <td>{g.name}</td>
              <td>{g.title ?? '—'}</td>
              <td className="mono muted">{g.caseId ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

/** The real player in an iframe at a screen's pixel size, scaled down to fit the page. */
export function Preview() {
  const { t } = useApp();
  const [groups, setGroups] = useState<readonly ScreenGroup[]>([]);
  const [view, setView] = useState<View>({ group: '', size: 'landscape', when: '', source: 'draft' });
  const [cases, setCases] = useState<z.infer<typeof CaseOfDay> | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [reloads, setReloads] = useState(0);

  useEffect(() => {
    void call('listGroups').then((reply) => {
      if (!reply.ok) return setError(reply.error);
      setGroups(reply.value);
      const first = reply.value[0];
      if (first) setView((v) => ({ ...v, group: first.id, size: first.layout, when: isoToZoned(Date.now(), first.timeZone) }));
    });
  }, []);
  const date = view.when.slice(0, 10);
  useEffect(() => {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return;
    void call('caseOfDay', { query: { date } }).then((reply) => reply.ok && setCases(reply.value));
  }, [date]);

  const dims = PREVIEW_SIZES[view.size];
  const scale = Math.min(BOX.width / dims.width, BOX.height / dims.height);
  const timeZone = groups.find((g) => g.id === view.group)?.timeZone ?? DEFAULT_TIME_ZONE;
  const nowIso = zonedToIso(view.when, timeZone);
  return (
    <div className="page">
      <h1>{t.previewTitle}</h1>
      <p className="muted">{t.previewIntro}</p>
      <Controls groups={groups} view={view} timeZone={timeZone} set={(patch) => setView((v) => ({ ...v, ...patch }))} reload={() => setReloads((n) => n + 1)} />
      <ErrorBox error={error} />
      {view.group ? (
        <div className="preview-stage" style={{ width: dims.width * scale, height: dims.height * scale }}>
          <iframe
            key={`${view.group}:${view.source}:${view.size}:${nowIso}:${reloads}`}
            title={t.previewTitle}
            className="preview-frame"
            src={previewUrl(view.group, view.source, nowIso)}
            sandbox="allow-scripts allow-same-origin"
            style={{ width: dims.width, height: dims.height, transform: `scale(${scale})` }}
            data-testid="preview-frame"
          />
        </div>
      ) : null}
      {cases ? <CaseTable cases={cases} /> : null}
    </div>
  );
}
