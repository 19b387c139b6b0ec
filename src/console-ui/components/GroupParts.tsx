import type { ScreenGroup } from '../../core/console/formats';
import { Weekday, type OnHoursRule, type StageEntry } from '../../core/model/playlist';
import { useApp } from '../app-context';

type StageType = 'next-video' | 'case-of-the-day' | 'next-notice' | 'help';

function stepType(entry: StageEntry): StageType {
  if (entry.type === 'next-notice' && entry.variant === 'help') return 'help';
  if (entry.type === 'notice' || entry.type === 'next-notice') return 'next-notice';
  if (entry.type === 'video') return 'next-video';
  return entry.type;
}

function makeStep(type: StageType, seconds: number): StageEntry {
  switch (type) {
    case 'next-video':
      return { type: 'next-video' };
    case 'case-of-the-day':
      return { type: 'case-of-the-day', seconds };
    case 'next-notice':
      return { type: 'next-notice', variant: 'notice', seconds };
    case 'help':
      return { type: 'next-notice', variant: 'help', seconds };
  }
}

const stepSeconds = (entry: StageEntry): number => ('seconds' in entry ? entry.seconds : 0);

/** The stage loop as a list of steps, each a kind and, for cards, how long it stays. */
export function StageEditor({ stage, onChange }: { stage: ScreenGroup['stage']; onChange: (stage: ScreenGroup['stage']) => void }) {
  const { t } = useApp();
  const labels: Record<StageType, string> = { 'next-video': t.stage_next_video, 'case-of-the-day': t.stage_case, 'next-notice': t.stage_notice, help: t.stage_help };
  const replace = (i: number, entry: StageEntry): void => onChange(stage.map((s, j) => (j === i ? entry : s)));
  return (
    <ol className="steps" data-testid="stage-loop">
      {stage.map((entry, i) => (
        <li key={i} className="actions">
          <span className="step-no">{i + 1}.</span>
          <select value={stepType(entry)} onChange={(e) => replace(i, makeStep(e.target.value as StageType, stepSeconds(entry) || 12))}>
            {(Object.keys(labels) as StageType[]).map((k) => (
              <option key={k} value={k}>
                {labels[k]}
              </option>
            ))}
          </select>
          {'seconds' in entry ? (
            <label>
              <input type="number" min={1} max={3600} value={entry.seconds} style={{ width: 80 }} onChange={(e) => replace(i, makeStep(stepType(entry), Number(e.target.value) || 1))} /> {t.seconds}
            </label>
          ) : null}
          <button type="button" onClick={() => onChange(stage.filter((_, j) => j !== i))}>
            {t.remove}
          </button>
        </li>
      ))}
      <li>
        <button type="button" onClick={() => onChange([...stage, { type: 'next-video' }])}>
          {t.addStep}
        </button>
      </li>
    </ol>
  );
}

/** On-hours rules: days of the week and a from–to time (may cross midnight). */
export function OnHoursEditor({ rules, onChange }: { rules: readonly OnHoursRule[]; onChange: (rules: OnHoursRule[]) => void }) {
  const { t, locale } = useApp();
  const dayName = (d: Weekday, i: number): string =>
    // 2024-01-01 was a Monday: the locale names the weekday.
    new Date(Date.UTC(2024, 0, 1 + i)).toLocaleDateString(locale, { weekday: 'short', timeZone: 'UTC' }) || d;
  const replace = (i: number, rule: OnHoursRule): void => onChange(rules.map((r, j) => (j === i ? rule : r)));
  return (
    <div className="form">
      {rules.map((rule, i) => (
        <div key={i} className="actions">
          {Weekday.options.map((d, k) => (
            <label key={d}>
              <input
                type="checkbox"
                checked={rule.days.includes(d)}
                onChange={(e) => replace(i, { ...rule, days: e.target.checked ? [...rule.days, d] : rule.days.filter((x) => x !== d) })}
              />
              {dayName(d, k)}
            </label>
          ))}
          <input type="time" value={rule.from} onChange={(e) => replace(i, { ...rule, from: e.target.value })} />–
          <input type="time" value={rule.to} onChange={(e) => replace(i, { ...rule, to: e.target.value })} />
          <button type="button" onClick={() => onChange(rules.filter((_, j) => j !== i))}>
            {t.remove}
          </button>
        </div>
      ))}
      {rules.length === 0 ? <p className="muted">{t.alwaysOn}</p> : null}
      <div>
        <button type="button" onClick={() => onChange([...rules, { days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '08:00', to: '18:00' }])}>
          {t.addRule}
        </button>
      </div>
    </div>
  );
}
