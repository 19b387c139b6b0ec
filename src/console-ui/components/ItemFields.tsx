import type { ItemKind } from '../../core/console/formats';
import { FraudType, Locale } from '../../core/model/content';
import { fraudTypeLabel } from '../../core/content/fraud-type-labels';
import { useApp } from '../app-context';
import type { StringKey } from '../i18n';
import { fieldsOf, type FieldSpec, type FormValues } from '../item-form';
import { Field } from './bits';

const LABELS: Readonly<Record<string, StringKey>> = {
  id: 'fieldId', locale: 'fieldLocale', tags: 'fieldTags', text: 'fieldText', title: 'fieldTitle', story: 'fieldStory',
  lesson: 'fieldLesson', amountLost: 'fieldAmount', currency: 'fieldCurrency', date: 'fieldDate', source: 'fieldSource',
  fraudType: 'fieldFraudType', variant: 'fieldVariant', qr: 'fieldQr', level: 'fieldLevel', starts: 'fieldStarts',
  expires: 'fieldExpires', file: 'fieldVideo', captions: 'fieldCaptions', poster: 'fieldPoster',
};

interface Props {
  readonly kind: ItemKind;
  readonly values: FormValues;
  readonly problems: Readonly<Record<string, string>>;
  readonly idLocked: boolean;
  readonly onChange: (name: string, value: string) => void;
}

function optionLabel(spec: FieldSpec, option: string, t: ReturnType<typeof useApp>['t'], locale: Locale): string {
  if (spec.name === 'fraudType') return fraudTypeLabel(locale, FraudType.parse(option));
  if (spec.name === 'variant') return option === 'help' ? t.kind_help : t.kind_notice;
  if (spec.name === 'level') return t[`level_${option as 'info' | 'warning' | 'critical'}`];
  return option;
}

function Input({ spec, value, invalid, onChange }: { spec: FieldSpec; value: string; invalid: boolean; onChange: (v: string) => void }) {
  const { t, locale } = useApp();
  const common = { name: spec.name, value, 'aria-invalid': invalid, 'data-testid': `field-${spec.name}` } as const;
  switch (spec.type) {
    case 'textarea':
      return <textarea {...common} rows={spec.name === 'story' ? 6 : 3} onChange={(e) => onChange(e.target.value)} />;
    case 'select': {
      const options = spec.options ?? FraudType.options;
      return (
        <select {...common} onChange={(e) => onChange(e.target.value)}>
          {options.map((o) => (
            <option key={o} value={o}>
              {optionLabel(spec, o, t, locale)}
            </option>
          ))}
        </select>
      );
    }
    case 'readonly':
      return <input {...common} readOnly className="mono" />;
    case 'datetime':
      return <input {...common} type="datetime-local" onChange={(e) => onChange(e.target.value)} />;
    case 'number':
    case 'date':
    case 'text':
      return <input {...common} type={spec.type} onChange={(e) => onChange(e.target.value)} />;
  }
}

/** The fields of one kind of item, then the ones every item has. */
export function ItemFields({ kind, values, problems, idLocked, onChange }: Props) {
  const { t } = useApp();
  const label = (name: string): string => t[LABELS[name] ?? 'fieldText'];
  return (
    <div className="form-grid">
      <Field label={label('id')} hint={idLocked ? undefined : t.fieldIdHint} problem={problems.id}>
        <input name="id" className="mono" value={values.id ?? ''} readOnly={idLocked} aria-invalid={!!problems.id} onChange={(e) => onChange('id', e.target.value)} data-testid="field-id" />
      </Field>
      <Field label={label('locale')} problem={problems.locale}>
        <select name="locale" value={values.locale ?? 'zh-CN'} onChange={(e) => onChange('locale', e.target.value)} data-testid="field-locale">
          {Locale.options.map((l) => (
            <option key={l} value={l}>
              {l}
            </option>
          ))}
        </select>
      </Field>
      {kind !== 'alert' ? (
        <Field label={label('tags')} hint={t.tagsHintScreen} problem={problems.tags}>
          <input name="tags" value={values.tags ?? ''} onChange={(e) => onChange('tags', e.target.value)} data-testid="field-tags" />
        </Field>
      ) : null}
      {fieldsOf(kind).map((spec) => (
        <Field key={spec.name} label={label(spec.name)} hint={spec.name === 'qr' ? t.fieldQrHint : undefined} problem={problems[spec.name]} wide={spec.wide}>
          <Input spec={spec} value={values[spec.name] ?? ''} invalid={!!problems[spec.name]} onChange={(v) => onChange(spec.name, v)} />
        </Field>
      ))}
    </div>
  );
}

/** Who the item is for and when: published as tags and a validity window, never shown as text. */
export function TargetingFields({ kind, values, onChange }: { kind: ItemKind; values: FormValues; onChange: (name: string, value: string) => void }) {
  const { t } = useApp();
  const input = (name: string, type = 'text') => (
    <input name={name} type={type} value={values[name] ?? ''} onChange={(e) => onChange(name, e.target.value)} data-testid={`field-${name}`} />
  );
  return (
    <div className="form-grid">
      <Field label={t.fieldAudience} hint={t.fieldTagsHint}>
        {input('audience')}
      </Field>
      <Field label={t.fieldRegions}>{input('regions')}</Field>
      <Field label={t.fieldValidity}>
        <select name="validity" value={values.validity ?? 'always'} onChange={(e) => onChange('validity', e.target.value)} data-testid="field-validity">
          <option value="always">{t.validity_always}</option>
          <option value="window">{t.validity_window}</option>
          <option value="season">{t.validity_season}</option>
        </select>
      </Field>
      {values.validity === 'window' ? (
        <>
          <Field label={t.fieldValidFrom}>{input('validFrom', 'date')}</Field>
          <Field label={t.fieldValidUntil}>{input('validUntil', 'date')}</Field>
        </>
      ) : null}
      {values.validity === 'season' ? (
        <Field label={t.fieldSeason} hint={t.fieldSeasonHint}>
          <span className="actions">
            {input('seasonFrom')} – {input('seasonUntil')}
          </span>
        </Field>
      ) : null}
      {kind === 'case' ? (
        <Field label={t.fieldPinned} hint={t.fieldPinnedHint} wide>
          {input('pins')}
        </Field>
      ) : null}
    </div>
  );
}
