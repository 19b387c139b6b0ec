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

type Phase = 'idle' | 'sending' | 'hashing' | 'done';

function ProgressLine({ progress }: { progress: UploadProgress }) {
  const { t } = useApp();
  const left = secondsLeft(progress.done - progress.startBytes, progress.total - progress.startBytes, progress.at - progress.startedAt);
  const bytes = fill(t.bytesOf, { done: formatBytes(progress.done), total: formatBytes(progress.total) });
  const label = left === null ? bytes : `${bytes} · ${fill(t.timeLeft, { t: formatDuration(left) })}`;
  return <ProgressBar done={progress.done} total={progress.total} label={label} testId="upload-progress" />;
}

/** Picks a video and sends it in chunks; a second click after a break resumes where the server stands. */
function VideoPicker({ onStored }: { onStored: (media: StoredMedia) => void }) {
  const { t } = useApp();
  const [file, setFile] = useState<File | null>(null);
  const [progress, setProgress] = useState<UploadProgress | null>(null);
  const [phase, setPhase] = useState<Phase>('idle');
  const [media, setMedia] = useState<StoredMedia | null>(null);
  const [error, setError] = useState<ApiError | null>(null);

  async function send(picked: File): Promise<void> {
    setError(null);
    setPhase('sending');
    const report = (p: UploadProgress): void => {
      setProgress(p);
      if (p.done >= p.total) setPhase('hashing');
    };
    const reply = await uploadFile(picked, report, () => Date.now());
    setPhase(reply.ok ? 'done' : 'idle');
    if (!reply.ok) return setError(reply.error);
    setMedia(reply.value);
    onStored(reply.value);
  }

  return (
    <div className="panel form">
      <p className="muted">{t.uploadIntro}</p>
      <Field label={t.fieldVideo}>
        <input type="file" accept="video/webm,video/mp4,.webm,.mp4" onChange={(e) => setFile(e.target.files?.[0] ?? null)} data-testid="video-file" />
      </Field>
      <div className="actions">
        <button type="button" className="primary" disabled={!file || phase === 'sending' || phase === 'hashing'} onClick={() => file && void send(file)} data-testid="upload">
          {progress && phase === 'idle' ? t.resume : t.upload}
        </button>
      </div>
      {progress ? <ProgressLine progress={progress} /> : null}
      {phase === 'hashing' ? <p className="muted">{t.hashing}</p> : null}
      <ErrorBox error={error} />
      {media ? (
        <OkBox>
          {t.uploadDone}: <code data-testid="sha256">sha256 {media.sha256.slice(0, 16)}…</code> · {formatBytes(media.bytes)}
        </OkBox>
      ) : null}
    </div>
  );
}

/** WebVTT typed or imported, checked line by line as it is typed. */
function CaptionsEditor({ value, problem, onChange }: { value: string; problem: string | null; onChange: (text: string) => void }) {
  const { t } = useApp();
  return (
    <div className="panel form">
      <Field label={t.fieldCaptions} hint={t.captionsHint} problem={problem ? t.captionsInvalid + problem : undefined} wide>
        <textarea className="mono" rows={8} value={value} onChange={(e) => onChange(e.target.value)} data-testid="captions" />
      </Field>
      <Field label={t.captionsUpload}>
        <input type="file" accept=".vtt,text/vtt" onChange={(e) => void e.target.files?.[0]?.text().then(onChange)} data-testid="captions-file" />
      </Field>
    </div>
  );
}

interface Details {
  readonly title: string;
  readonly locale: Locale;
  readonly tags: string;
}

/** Stores the captions, then creates the video item from the stored files. */
async function createVideo(media: StoredMedia, captions: string | null, details: Details): Promise<ApiError | string | null> {
  let captionsPath: string | undefined;
  if (captions !== null) {
    const stored = await call('uploadCaptions', { body: { text: captions } });
    if (!stored.ok) return stored.error;
    captionsPath = stored.value.path;
  }
  const tags = splitList(details.tags);
  const check = checkCandidate({
    kind: 'video', id: newId('video', new Date(), Math.random), locale: details.locale, title: details.title.trim(), file: media.path,
    ...(tags.length ? { tags } : {}), ...(captionsPath ? { captions: captionsPath } : {}), ...(media.poster ? { poster: media.poster } : {}),
  });
  if (!check.ok) return Object.entries(check.fields).map(([k, v]) => `${k}: ${v}`).join('; ');
  const created = await call('createItem', { body: { item: check.item, targeting: { audience: [], regions: [], validity: { type: 'always' }, pins: [] } } });
  if (!created.ok) return created.error;
  go({ page: 'item', id: created.value.entry.item.id });
  return null;
}

function DetailsForm({ value, onChange }: { value: Details; onChange: (d: Details) => void }) {
  const { t } = useApp();
  return (
    <div className="form-grid">
      <Field label={t.fieldTitle} wide>
        <input value={value.title} onChange={(e) => onChange({ ...value, title: e.target.value })} data-testid="video-title" />
      </Field>
      <Field label={t.fieldLocale}>
        <select value={value.locale} onChange={(e) => onChange({ ...value, locale: Locale.parse(e.target.value) })} data-testid="video-locale">
          {Locale.options.map((l) => (
            <option key={l}>{l}</option>
          ))}
        </select>
      </Field>
      <Field label={t.fieldTags} hint={t.tagsHintScreen}>
        <input value={value.tags} onChange={(e) => onChange({ ...value, tags: e.target.value })} />
      </Field>
    </div>
  );
}

/** Uploads a warning video (chunked, resumable), its captions, and saves it as a video item. */
export function Upload() {
  const { t } = useApp();
  const [media, setMedia] = useState<StoredMedia | null>(null);
  const [captions, setCaptions] = useState(VTT_TEMPLATE);
  const [details, setDetails] = useState<Details>({ title: '', locale: 'zh-CN', tags: '' });
  const [error, setError] = useState<ApiError | string | null>(null);
  const typed = captions.trim() !== '' && captions !== VTT_TEMPLATE;
  const vttProblem = typed ? checkVtt(captions) : null;

  async function save(): Promise<void> {
    if (media) setError(await createVideo(media, typed ? captions : null, details));
  }

  return (
    <div className="page">
      <h1>{t.uploadTitle}</h1>
      <VideoPicker onStored={setMedia} />
      <h2>{t.captionsEditor}</h2>
      <CaptionsEditor value={captions} problem={vttProblem} onChange={setCaptions} />
      <h2>{t.videoTitle}</h2>
      <div className="panel form">
        <DetailsForm value={details} onChange={setDetails} />
        <ErrorBox error={error} />
        <div className="actions">
          <button type="button" className="primary" disabled={!media || !details.title.trim() || !!vttProblem} onClick={() => void save()} data-testid="save-video">
            {t.createVideoItem}
          </button>
        </div>
      </div>
    </div>
  );
}
