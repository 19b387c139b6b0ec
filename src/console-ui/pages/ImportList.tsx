import { useState } from 'react';
import { LIST_IMPORT_MAX_BYTES, type ConsoleResponse } from '../../core/console/contract';
import { ListFormat } from '../../core/import/official-list';
import { call, type ApiError } from '../api/client';
import { useApp } from '../app-context';
import { ErrorBox, Field, OkBox } from '../components/bits';
import { formatBytes } from '../format';
import { fill } from '../i18n';
import { importListStrings, type ImportListStrings } from '../i18n/import-list';
import { href } from '../router';

type Imported = ConsoleResponse<'importList'>;

/** The file's bytes as base64, unchanged: the server decides whether they are UTF-8. */
function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

function Result({ result, s }: { result: Imported; s: ImportListStrings }) {
  return (
    <OkBox>
      <strong data-testid="import-created">{fill(s.created, { n: result.created.length })}</strong>
      <p>{fill(s.counts, { sites: result.sites, duplicates: result.duplicates, skipped: result.skipped })}</p>
      <p>{s.next}</p>
      <ul data-testid="import-drafts">
        {result.created.map((c) => (
          <li key={c.id}>
            <a href={href({ page: 'item', id: c.id })} data-testid="import-draft">
              {c.title}
            </a>{' '}
            <code>{c.id}</code>
          </li>
        ))}
      </ul>
      <a href={href({ page: 'library' })}>{s.openLibrary}</a>
    </OkBox>
  );
}

/** "Import official list": a format, a file, and either the drafts made or the reason nothing was. */
export function ImportList() {
  const { locale } = useApp();
  const s = importListStrings(locale);
  const [format, setFormat] = useState<ListFormat>('tw-165-sites');
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<Imported | null>(null);
  const [error, setError] = useState<ApiError | string | null>(null);

  async function send(picked: File): Promise<void> {
    setResult(null);
    setError(null);
    if (picked.size > LIST_IMPORT_MAX_BYTES) return setError(fill(s.tooLarge, { size: formatBytes(picked.size), max: formatBytes(LIST_IMPORT_MAX_BYTES) }));
    setBusy(true);
    const base64 = toBase64(new Uint8Array(await picked.arrayBuffer()));
    const reply = await call('importList', { body: { format, name: picked.name, base64 } });
    setBusy(false);
    if (reply.ok) setResult(reply.value);
    // The server's reason names the file, row and column; the lead says in the page's language that nothing was made.
    else setError(reply.error.kind === 'invalid' ? s.refused + reply.error.message : reply.error);
  }

  return (
    <div className="page">
      <h1>{s.title}</h1>
      <p className="muted">{s.intro}</p>
      <div className="panel form">
        <Field label={s.format} hint={s.formats[format].columns} wide>
          <select value={format} onChange={(e) => setFormat(ListFormat.parse(e.target.value))} data-testid="list-format">
            {ListFormat.options.map((f) => (
              <option key={f} value={f}>
                {s.formats[f].name} ({f})
              </option>
            ))}
          </select>
        </Field>
        <Field label={s.file} hint={s.fileHint} wide>
          <input type="file" accept=".csv,text/csv" onChange={(e) => setFile(e.target.files?.[0] ?? null)} data-testid="list-file" />
        </Field>
        <div className="actions">
          <button type="button" className="primary" disabled={!file || busy} onClick={() => file && void send(file)} data-testid="import-list">
            {busy ? s.sending : s.submit}
          </button>
        </div>
        <ErrorBox error={error} />
        {result ? <Result result={result} s={s} /> : null}
      </div>
    </div>
  );
}
