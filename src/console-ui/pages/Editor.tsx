import { useEffect, useMemo, useState } from 'react';
import { ItemKind, type LibraryItem } from '../../core/console/formats';
import { call, type ApiError } from '../api/client';
import { hasRole, useApp } from '../app-context';
import { ItemFields, TargetingFields } from '../components/ItemFields';
import { PolicyPanel, QrPreview, usePolicy } from '../components/PolicyPanel';
import { Badge, ErrorBox, OkBox } from '../components/bits';
import { checkCandidate, newId, targetingValues, toCandidate, toTargeting, toValues, type FormValues } from '../item-form';
import { go, href } from '../router';

const FRESH: Readonly<Record<ItemKind, FormValues>> = {
  slogan: {},
  case: { fraudType: 'impersonating-police', currency: 'CNY', amountLost: '0' },
  video: {},
  notice: { variant: 'notice' },
  alert: { level: 'critical' },
};

function freshValues(kind: ItemKind): FormValues {
  return { id: newId(kind, new Date(), Math.random), locale: 'zh-CN', ...FRESH[kind], ...targetingValues() };
}

interface Loaded {
  readonly entry: LibraryItem;
}

/** Writes a new item or edits one; the screens' schema and policy judge it as it is typed. */
export function Editor({ id, kind: wantedKind }: { id: string | null; kind: string }) {
  const { t, session } = useApp();
  const startKind = ItemKind.safeParse(wantedKind).data ?? 'slogan';
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [kind, setKind] = useState<ItemKind>(startKind);
  const [values, setValues] = useState<FormValues>(() => freshValues(startKind));
  const [error, setError] = useState<ApiError | string | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!id) return;
    void call('getItem', { params: { id } }).then((reply) => {
      if (!reply.ok) return setError(reply.error);
      const { entry } = reply.value;
      setLoaded({ entry });
      setKind(entry.item.kind);
      setValues({ ...toValues(entry.item), ...targetingValues(entry.targeting) });
    });
  }, [id]);

  const check = useMemo(() => checkCandidate(toCandidate(kind, values)), [kind, values]);
  const problems = usePolicy(check.ok ? check.item : null);
  const fieldProblems = check.ok ? {} : check.fields;
  const canEdit = hasRole(session, 'editor');
  const status = loaded?.entry.workflow.status;
  const clean = check.ok && problems.length === 0;

  const change = (name: string, value: string): void => {
    setNote(null);
    setValues((v) => ({ ...v, [name]: value }));
  };

  async function save(): Promise<void> {
    if (!check.ok) return setError(t.formInvalid);
    setBusy(true);
    setError(null);
    const targeting = toTargeting(values);
    const reply = loaded
      ? await call('saveItem', { params: { id: loaded.entry.item.id }, body: { item: check.item, targeting, rev: loaded.entry.workflow.rev } })
      : await call('createItem', { body: { item: check.item, targeting } });
    setBusy(false);
    if (!reply.ok) return setError(reply.error);
    setLoaded({ entry: reply.value.entry });
    setNote(t.saved);
    if (!loaded) go({ page: 'item', id: reply.value.entry.item.id });
  }

  async function submit(): Promise<void> {
    if (!loaded) return;
    setBusy(true);
    const reply = await call('transition', { params: { id: loaded.entry.item.id }, body: { action: 'submit', rev: loaded.entry.workflow.rev } });
    setBusy(false);
    if (!reply.ok) return setError(reply.error);
    setLoaded({ entry: reply.value.entry });
    setNote(t.submitted);
  }

  return (
    <div className="page">
      <h1>
        {loaded ? t.editorEdit : t.editorNew}{' '}
        {status ? <Badge className={`status-${status}`}>{t[`status_${status}`]}</Badge> : null}
      </h1>
      {status === 'rejected' && loaded?.entry.workflow.comment ? (
        <div className="notice notice-error" data-testid="sent-back">
          {t.sentBackBecause}
          {loaded.entry.workflow.comment}
        </div>
      ) : null}
      <div className="editor">
        <div className="panel form">
          {!loaded ? (
            <div className="actions">
              <span>{t.fieldKind}</span>
              {ItemKind.options.map((k) => (
                <label key={k}>
                  <input type="radio" name="kind" checked={kind === k} onChange={() => (setKind(k), setValues(freshValues(k)))} data-testid={`kind-${k}`} /> {t[`kind_${k}`]}
                </label>
              ))}
            </div>
          ) : null}
          {kind === 'video' && !loaded ? <a href={href({ page: 'upload' })}>{t.openUpload}</a> : null}
          <ItemFields kind={kind} values={values} problems={fieldProblems} idLocked={!!loaded} onChange={change} />
          <h2>{t.targetingTitle}</h2>
          <TargetingFields kind={kind} values={values} onChange={change} />
          <ErrorBox error={error} />
          {note ? <OkBox>{note}</OkBox> : null}
          {canEdit ? (
            <div className="actions">
              <button type="button" className="primary" disabled={busy || !clean} onClick={() => void save()} data-testid="save">
                {t.save}
              </button>
              {loaded && (status === 'draft' || status === 'rejected' || status === 'published' || status === 'approved') ? (
                <button type="button" disabled={busy || !clean} onClick={() => void submit()} data-testid="submit">
                  {t.submitForApproval}
                </button>
              ) : null}
            </div>
          ) : null}
        </div>
        <aside className="panel">
          <PolicyPanel problems={check.ok ? problems : [t.formInvalid]} checked />
          {kind === 'notice' ? <QrPreview payload={values.qr ?? ''} /> : null}
          {loaded ? (
            <p className="muted">
              {t.revision} {loaded.entry.workflow.rev} · {loaded.entry.workflow.updatedBy}
            </p>
          ) : null}
        </aside>
      </div>
    </div>
  );
}
