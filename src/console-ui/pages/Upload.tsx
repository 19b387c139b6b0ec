import { useState } from 'react';
import type { StoredMedia } from '../../core/console/formats';
import { Locale } from '../../core/model/content';
import { call, type ApiError } from '../api/client';
import { useApp } from '../app-context';
import { ErrorBox, Field, OkBox, ProgressBar } from '../components/bits';
import { formatBytes, formatDuration, secondsLeft, splitList } from '../format';
import { fill } from '../i18n';
import { checkCandidate, newId } from '../item-form';
import { go } from '../router';
import { uploadFile, type UploadProgress } from '../upload';
import { checkVtt, VTT_TEMPLATE } from '../vtt';

function ProgressLine({ progress }: { progress: UploadProgress }) {
  const { t } = useApp();
  const left = secondsLeft(progress.done - progress.startBytes, progress.total - progress.startBytes, progress.at - progress.startedAt);
  const label = `${fill(t.bytesOf, { done: formatBytes(progress.done), total: formatBytes(progress.total) })}${left === null ? '' : ` · ${fill(t.timeLeft, { t: formatDuration(left) })}`}`;
  return <ProgressBar done={progress.done} total={progress.total} label={label} testId="upload-progress" />;
}

/** Uploads a warning video (chunked, resumable), its captions, and saves it as a video item. */
export function Upload() {
  const { t } = useApp();
  const [file, setFile] = useState<File | null>(null);
  const [progress, setProgress] = useState<UploadProgress | null>(null);
  const [phase, setPhase] = useState<'idle' | 'sending' | 'hashing' | 'done'>('idle');
  const [media, setMedia] = useState<StoredMedia | null>(null);
  const [captions, setCaptions] = useState(VTT_TEMPLATE);
  const [title, setTitle] = useState('');
  const [locale, setLocale] = useState<Locale>('zh-CN');
  const [tags, setTags] = useState('');
  const [error, setError] = useState<ApiError | string | null>(null);
  const vttProblem = captions.trim() && captions !== VTT_TEMPLATE ? checkVtt(captions) : null;

  async function send(): Promise<void> {
    if (!file) return;
    setError(null);
    setPhase('sending');
    const reply = await uploadFile(
      file,
      (p) => {
        setProgress(p);
        if (p.done >= p.total) setPhase('hashing');
      },
      () => Date.now(),
    );
    if (!reply.ok) {
      setPhase('idle');
      return setError(reply.error);
    }
    setMedia(reply.value);
    setPhase('done');
  }

  async function saveItem(): Promise<void> {
    if (!media) return;
    let captionsPath: string | undefined;
    if (captions.trim() && captions !== VTT_TEMPLATE) {
      if (vttProblem) return setError(t.captionsInvalid + vttProblem);
      const stored = await call('uploadCaptions', { body: { text: captions } });
      if (!stored.ok) return setError(stored.error);
      captionsPath = stored.value.path;
    }
    const list = splitList(tags);
    const candidate = { kind: 'video', id: newId('video', new Date(), Math.random), locale, title: title.trim(), file: media.path, ...(list.length ? { tags: list } : {}), ...(captionsPath ? { captions: captionsPath } : {}), ...(media.poster ? { poster: media.poster } : {}) };
    const check = checkCandidate(candidate);
    if (!check.ok) return setError(Object.entries(check.fields).map(([k, v]) => `${k}: ${v}`).join('; '));
    const created = await call('createItem', { body: { item: check.item, targeting: { audience: [], regions: [], validity: { type: 'always' }, pins: [] } } });
    if (!created.ok) return setError(created.error);
    go({ page: 'item', id: created.value.entry.item.id });
  }

  async function importVtt(picked: File | undefined): Promise<void> {
    if (picked) setCaptions(await picked.text());
  }

  return (
    <div className="page">
      <h1>{t.uploadTitle}</h1>
      <div className="panel form">
        <p className="muted">{t.uploadIntro}</p>
        <Field label={t.fieldVideo}>
          <input type="file" accept="video/webm,video/mp4,.webm,.mp4" onChange={(e) => setFile(e.target.files?.[0] ?? null)} data-testid="video-file" />
        </Field>
        <div className="actions">
          <button type="button" className="primary" disabled={!file || phase === 'sending' || phase === 'hashing'} onClick={() => void send()} data-testid="upload">
            {progress && phase === 'idle' ? t.resume : t.upload}
          </button>
        </div>
        {progress ? <ProgressLine progress={progress} /> : null}
        {phase === 'hashing' ? <p className="muted">{t.hashing}</p> : null}
        {media ? (
          <OkBox>
            {t.uploadDone}: <code data-testid="sha256">sha256 {media.sha256.slice(0, 16)}…</code> · {formatBytes(media.bytes)}
          </OkBox>
        ) : null}
      </div>
      <h2>{t.captionsEditor}</h2>
      <div className="panel form">
        <Field label={t.fieldCaptions} hint={t.captionsHint} problem={vttProblem ? t.captionsInvalid + vttProblem : undefined} wide>
          <textarea className="mono" rows={8} value={captions} onChange={(e) => setCaptions(e.target.value)} data-testid="captions" />
        </Field>
        <Field label={t.captionsUpload}>
          <input type="file" accept=".vtt,text/vtt" onChange={(e) => void importVtt(e.target.files?.[0])} data-testid="captions-file" />
        </Field>
      </div>
      <h2>{t.videoTitle}</h2>
      <div className="panel form">
        <div className="form-grid">
          <Field label={t.fieldTitle} wide>
            <input value={title} onChange={(e) => setTitle(e.target.value)} data-testid="video-title" />
          </Field>
          <Field label={t.fieldLocale}>
            <select value={locale} onChange={(e) => setLocale(Locale.parse(e.target.value))} data-testid="video-locale">
              {Locale.options.map((l) => (
                <option key={l}>{l}</option>
              ))}
            </select>
          </Field>
          <Field label={t.fieldTags} hint={t.fieldTagsHint}>
            <input value={tags} onChange={(e) => setTags(e.target.value)} />
          </Field>
        </div>
        <ErrorBox error={error} />
        <div className="actions">
          <button type="button" className="primary" disabled={!media || !title.trim() || !!vttProblem} onClick={() => void saveItem()} data-testid="save-video">
            {t.createVideoItem}
          </button>
        </div>
      </div>
    </div>
  );
}
