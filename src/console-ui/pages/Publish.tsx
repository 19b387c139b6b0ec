import { useEffect, useRef, useState } from 'react';
import type { z } from 'zod';
import type { KeyInfo, PublishPlan } from '../../core/console/contract';
import type { Progress, PublishResult } from '../../core/console/formats';
import { call, type ApiError } from '../api/client';
import { useApp } from '../app-context';
import { ErrorBox, OkBox, ProgressBar } from '../components/bits';
import { UsbPanel } from '../components/UsbPanel';
import { fill } from '../i18n';
import { policyText } from '../policy-text';

function Blockers({ blockers }: { blockers: z.infer<typeof PublishPlan>['blockers'] }) {
  const { t } = useApp();
  return (
    <div className="notice notice-error" data-testid="blockers">
      {t.publishRefused}
      <ul>
        {blockers.map((b) => (
          <li key={b.id + b.reason}>
            <code>{b.id}</code>: {policyText(b.reason, t)}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** What a screen needs to trust the feed: where it is and the key that signs it. */
function KeysPanel({ keys }: { keys: z.infer<typeof KeyInfo> }) {
  const { t } = useApp();
  return (
    <div className="panel form section">
      <div>
        <strong>{t.feedUrl}</strong>
        <pre className="snippet" data-testid="feed-url">{keys.feedUrl}</pre>
      </div>
      <div>
        <strong>{t.publicKey}</strong>
        <pre className="snippet" data-testid="public-key">{keys.publicKey}</pre>
      </div>
    </div>
  );
}

/** Signs the approved items into a new version, showing items and media as they are written. */
export function Publish() {
  const { t } = useApp();
  const [plan, setPlan] = useState<z.infer<typeof PublishPlan> | null>(null);
  const [keys, setKeys] = useState<z.infer<typeof KeyInfo> | null>(null);
  const [progress, setProgress] = useState<Progress | null>(null);
  const [result, setResult] = useState<PublishResult | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const poller = useRef<number | undefined>(undefined);

  const loadPlan = (): void => {
    void call('publishPlan').then((reply) => (reply.ok ? setPlan(reply.value) : setError(reply.error)));
  };
  useEffect(() => {
    loadPlan();
    void call('keys').then((reply) => reply.ok && setKeys(reply.value));
    return () => window.clearInterval(poller.current);
  }, []);

  async function publish(): Promise<void> {
    setBusy(true);
    setError(null);
    setResult(null);
    poller.current = window.setInterval(() => {
      void call('publishProgress').then((reply) => reply.ok && setProgress(reply.value));
    }, 250);
    const reply = await call('publish');
    window.clearInterval(poller.current);
    setBusy(false);
    const last = await call('publishProgress');
    if (last.ok) setProgress(last.value);
    if (reply.ok) setResult(reply.value);
    else setError(reply.error);
    loadPlan();
  }

  return (
    <div className="page">
      <h1>{t.publishTitle}</h1>
      <div className="panel form">
        <p className="muted">{t.publishIntro}</p>
        {plan ? <p data-testid="plan">{fill(t.readyToPublish, { n: plan.items, m: plan.media })}</p> : null}
        {plan && plan.blockers.length > 0 ? <Blockers blockers={plan.blockers} /> : null}
        <div className="actions">
          <button type="button" className="primary" disabled={busy} onClick={() => void publish()} data-testid="publish">
            {busy ? t.publishing : t.publishNow}
          </button>
        </div>
        {progress && progress.phase !== 'idle' ? (
          <div data-testid="publish-progress" data-phase={progress.phase}>
            <ProgressBar done={progress.itemsDone} total={progress.itemsTotal} label={fill(t.itemsWritten, { done: progress.itemsDone, total: progress.itemsTotal })} />
            <ProgressBar done={progress.mediaDone} total={progress.mediaTotal} label={fill(t.mediaWritten, { done: progress.mediaDone, total: progress.mediaTotal })} />
          </div>
        ) : null}
        <ErrorBox error={error} />
        {result ? (
          <OkBox>
            <span data-testid="published-version">{fill(t.publishedVersion, { v: result.version })}</span>
          </OkBox>
        ) : null}
      </div>
      {keys ? <KeysPanel keys={keys} /> : null}<UsbPanel />
    </div>
  );
}
