import { ItemKind } from '../../core/console/formats';
import { hasRole, useApp } from '../app-context';
import { ItemFields, TargetingFields } from '../components/ItemFields';
import { PolicyPanel, QrPreview, usePolicy } from '../components/PolicyPanel';
import { Badge, ErrorBox, OkBox } from '../components/bits';
import { href } from '../router';
import { useItemEditor, type ItemEditor } from './use-item-editor';

const SUBMITTABLE = new Set(['draft', 'rejected', 'approved', 'published']);

function KindPicker({ editor }: { editor: ItemEditor }) {
  const { t } = useApp();
  return (
    <div className="actions">
      <span>{t.fieldKind}</span>
      {ItemKind.options.map((k) => (
        <label key={k}>
          <input type="radio" name="kind" checked={editor.kind === k} onChange={() => editor.switchKind(k)} data-testid={`kind-${k}`} /> {t[`kind_${k}`]}
        </label>
      ))}
      {editor.kind === 'video' ? <a href={href({ page: 'upload' })}>{t.openUpload}</a> : null}
    </div>
  );
}

function Actions({ editor, clean }: { editor: ItemEditor; clean: boolean }) {
  const { t } = useApp();
  const status = editor.entry?.workflow.status;
  return (
    <div className="actions">
      <button type="button" className="primary" disabled={editor.busy || !clean} onClick={() => void editor.save()} data-testid="save">
        {t.save}
      </button>
      {status && SUBMITTABLE.has(status) ? (
        <button type="button" disabled={editor.busy || !clean} onClick={() => void editor.submit()} data-testid="submit">
          {t.submitForApproval}
        </button>
      ) : null}
    </div>
  );
}

function Loading({ error }: { readonly error: Parameters<typeof ErrorBox>[0]['error'] }) {
  const { t } = useApp();
  return (
    <div className="page">
      <ErrorBox error={error} />
      {error ? null : <p className="muted">{t.loading}</p>}
    </div>
  );
}

function SentBack({ comment }: { readonly comment: string }) {
  const { t } = useApp();
  return (
    <div className="notice notice-error" data-testid="sent-back">
      {t.sentBackBecause}
      {comment}
    </div>
  );
}

/** Writes a new item or edits one; the screens' schema and policy judge it as it is typed. */
export function Editor({ id, kind }: { id: string | null; kind: string }) {
  const { t, session } = useApp();
  const editor = useItemEditor(id, kind);
  const { entry, check } = editor;
  const policy = usePolicy(check.ok ? check.item : null);
  const shown = Object.keys(editor.shownProblems).length > 0;
  const status = entry?.workflow.status;
  // Nothing to type into until the stored item is in: a late load would overwrite typing.
  if (id !== null && !entry) return <Loading error={editor.error} />;
  return (
    <div className="page">
      <h1>
        {entry ? t.editorEdit : t.editorNew} {status ? <Badge className={`status-${status}`}>{t[`status_${status}`]}</Badge> : null}
      </h1>
      {status === 'rejected' && entry?.workflow.comment ? <SentBack comment={entry.workflow.comment} /> : null}
      <div className="editor">
        <div className="panel form">
          {entry ? null : <KindPicker editor={editor} />}
          <ItemFields kind={editor.kind} values={editor.values} problems={editor.shownProblems} idLocked={!!entry} onChange={editor.change} />
          <h2>{t.targetingTitle}</h2>
          <TargetingFields kind={editor.kind} values={editor.values} onChange={editor.change} />
          <ErrorBox error={editor.error} />
          {editor.note ? <OkBox>{editor.note}</OkBox> : null}
          {hasRole(session, 'editor') ? <Actions editor={editor} clean={check.ok && policy !== null && policy.length === 0} /> : null}
        </div>
        <aside className="panel">
          {check.ok && policy !== null ? <PolicyPanel problems={policy} /> : null}
          {!check.ok && shown ? <PolicyPanel problems={[t.formInvalid]} /> : null}
          {editor.kind === 'notice' ? <QrPreview payload={editor.values.qr ?? ''} /> : null}
          {entry ? <p className="muted">{`${t.revision} ${entry.workflow.rev} · ${entry.workflow.updatedBy}`}</p> : null}
        </aside>
      </div>
    </div>
  );
}
