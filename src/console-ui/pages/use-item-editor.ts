import { useEffect, useMemo, useState } from 'react';
import { ItemKind, type LibraryItem } from '../../core/console/formats';
import { call, type ApiError } from '../api/client';
import { useApp } from '../app-context';
import { checkCandidate, newId, targetingValues, toCandidate, toTargeting, toValues, type Check, type FormValues } from '../item-form';
import { go } from '../router';

const FRESH: Readonly<Record<ItemKind, FormValues>> = {
  slogan: {},
  case: { fraudType: 'impersonating-police', currency: 'CNY', amountLost: '0' },
  video: {},
  notice: { variant: 'notice' },
  alert: { level: 'critical' },
};

export function freshValues(kind: ItemKind): FormValues {
  return { id: newId(kind, new Date(), Math.random), locale: 'zh-CN', ...FRESH[kind], ...targetingValues() };
}

export interface ItemEditor {
  readonly entry: LibraryItem | null;
  readonly kind: ItemKind;
  readonly values: FormValues;
  readonly check: Check;
  readonly error: ApiError | string | null;
  readonly note: string | null;
  readonly busy: boolean;
  /** Field problems worth showing: fields already typed in, or all once a save was tried. */
  readonly shownProblems: Readonly<Record<string, string>>;
  change(name: string, value: string): void;
  switchKind(kind: ItemKind): void;
  save(): Promise<void>;
  submit(): Promise<void>;
}

/** Loads, edits, saves (with the revision, so a stale save is a conflict) and submits one item. */
export function useItemEditor(id: string | null, wantedKind: string): ItemEditor {
  const { t } = useApp();
  const startKind = ItemKind.safeParse(wantedKind).data ?? 'slogan';
  const [entry, setEntry] = useState<LibraryItem | null>(null);
  const [kind, setKind] = useState<ItemKind>(startKind);
  const [values, setValues] = useState<FormValues>(() => freshValues(startKind));
  const [error, setError] = useState<ApiError | string | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set());
  const [attempted, setAttempted] = useState(false);

  useEffect(() => {
    if (!id) return;
    void call('getItem', { params: { id } }).then((reply) => {
      if (!reply.ok) return setError(reply.error);
      setEntry(reply.value.entry);
      setKind(reply.value.entry.item.kind);
      setValues({ ...toValues(reply.value.entry.item), ...targetingValues(reply.value.entry.targeting) });
    });
  }, [id]);

  const check = useMemo(() => checkCandidate(toCandidate(kind, values)), [kind, values]);
  const shownProblems = useMemo(() => {
    if (check.ok) return {};
    const shown = Object.entries(check.fields).filter(([name]) => attempted || touched.has(name) || id !== null);
    // A field left empty gets one plain word, not the schema's "expected string, received undefined".
    return Object.fromEntries(shown.map(([name, message]) => [name, /received undefined/.test(message) ? t.required : message]));
  }, [check, attempted, touched, id, t]);

  async function run(action: () => ReturnType<typeof call<'saveItem'>>, done: string): Promise<LibraryItem | null> {
    setBusy(true);
    setError(null);
    const reply = await action();
    setBusy(false);
    if (!reply.ok) return (setError(reply.error), null);
    setEntry(reply.value.entry);
    setNote(done);
    return reply.value.entry;
  }

  return {
    entry, kind, values, check, error, note, busy, shownProblems,
    change(name, value) {
      setNote(null);
      setTouched((s) => new Set(s).add(name));
      setValues((v) => ({ ...v, [name]: value }));
    },
    switchKind(next) {
      setKind(next);
      setValues(freshValues(next));
      setTouched(new Set());
      setAttempted(false);
    },
    async save() {
      setAttempted(true);
      if (!check.ok) return setError(t.formInvalid);
      const targeting = toTargeting(values);
      const saved = await run(
        () => (entry
          ? call('saveItem', { params: { id: entry.item.id }, body: { item: check.item, targeting, rev: entry.workflow.rev } })
          : call('createItem', { body: { item: check.item, targeting } })),
        t.saved,
      );
      if (saved && !entry) go({ page: 'item', id: saved.item.id });
    },
    async submit() {
      if (!entry) return;
      await run(() => call('transition', { params: { id: entry.item.id }, body: { action: 'submit', rev: entry.workflow.rev } }), t.submitted);
    },
  };
}
