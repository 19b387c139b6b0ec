import { useEffect, useState } from 'react';
import { policyConfig, checkItem } from '../../core/policy/content-policy';
import type { ContentItem } from '../../core/model/content';
import { qrDataUrl } from '../../renderer/player/qr';
import { call } from '../api/client';
import { useApp } from '../app-context';
import { policyText } from '../policy-text';

const DEFAULT_POLICY = policyConfig({ blockedTerms: [], allowedPhones: [], allowedLinkHosts: [] });

/**
 * What the screens' content policy says about the item. The same core check runs here at
 * once; the server's answer (with its configured allow-lists) replaces it a moment later.
 */
export function usePolicy(item: ContentItem | null): readonly string[] {
  const [server, setServer] = useState<{ key: string; problems: readonly string[] } | null>(null);
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
  const local = checkItem(item, DEFAULT_POLICY);
  return local.ok ? [] : [local.error];
}

export function PolicyPanel({ problems, checked }: { problems: readonly string[]; checked: boolean }) {
  const { t } = useApp();
  if (!checked) return null;
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
