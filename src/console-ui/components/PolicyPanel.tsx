import { policyForItem } from '../../core/content/hotlines';
import { useEffect, useState } from 'react';
import { checkItem, policyConfig, type PolicyConfig } from '../../core/policy/content-policy';
import type { ContentItem } from '../../core/model/content';
import { qrDataUrl } from '../../web/qr';
import { call } from '../api/client';
import { useApp } from '../app-context';
import { policyText } from '../policy-text';

let listsOnce: Promise<PolicyConfig | null> | undefined;

/** The console's policy lists (the ones its device-config snippets give the screens), fetched once. */
function consolePolicy(): Promise<PolicyConfig | null> {
  listsOnce ??= call('getSettings').then((reply) => (reply.ok ? policyConfig(reply.value.policy) : null));
  return listsOnce;
}

/** After the admin changes the lists, the next check fetches them again. */
export function forgetPolicyLists(): void {
  listsOnce = undefined;
}

/**
 * What the screens' content policy says about the item: the same core check with the
 * console's own lists runs here at every keystroke; the server's answer confirms it a
 * moment later. Nothing is said until the lists are known, so no false alarm flashes.
 */
export function usePolicy(item: ContentItem | null): readonly string[] | null {
  const [server, setServer] = useState<{ key: string; problems: readonly string[] } | null>(null);
  const [lists, setLists] = useState<PolicyConfig | null>(null);
  useEffect(() => {
    let live = true;
    void consolePolicy().then((config) => live && setLists(config));
    return () => {
      live = false;
    };
  }, []);
  const key = item ? JSON.stringify(item) : '';
  useEffect(() => {
    if (!item) return;
    const timer = window.setTimeout(() => {
      void call('checkItem', { body: { item } }).then((reply) => {
        if (reply.ok) setServer({ key, problems: reply.value.problems });
      });
    }, 250);
    return () => window.clearTimeout(timer);
    // `key` stands for `item`: a new object with the same content needs no new check.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  if (!item) return [];
  if (server && server.key === key) return server.problems;
  if (!lists) return null;
  const local = checkItem(item, policyForItem(lists, item));
  return local.ok ? [] : [local.error];
}

export function PolicyPanel({ problems }: { problems: readonly string[] }) {
  const { t } = useApp();
  if (problems.length === 0) {
    return (
      <div className="notice notice-ok policy" data-testid="policy" data-state="ok">
        ✓ {t.policyOk}
      </div>
    );
  }
  return (
    <div className="notice notice-error policy" role="alert" data-testid="policy" data-state="refused">
      <strong>{t.policyRefused}</strong>
      <ul>
        {problems.map((p) => (
          <li key={p} data-testid="policy-reason" title={p}>
            {policyText(p, t)}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The QR code exactly as the screen will draw it (locally, never from a QR service). */
export function QrPreview({ payload }: { payload: string }) {
  const { t } = useApp();
  const [src, setSrc] = useState<{ payload: string; url: string } | null>(null);
  useEffect(() => {
    if (!payload) return;
    let live = true;
    qrDataUrl(payload).then(
      (url) => live && setSrc({ payload, url }),
      () => live && setSrc(null),
    );
    return () => {
      live = false;
    };
  }, [payload]);
  if (!payload || !src || src.payload !== payload) return null;
  return (
    <figure className="qr-preview" data-testid="qr-preview">
      <img src={src.url} alt={t.qrPreview} />
      <figcaption className="muted">{t.qrPreview}</figcaption>
    </figure>
  );
}
