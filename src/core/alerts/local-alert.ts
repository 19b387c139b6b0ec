import type { AlertRequest } from '../api/contract';
import type { AlertItem } from '../model/content';
import { checkItem, type PolicyConfig } from '../policy/content-policy';
import type { Result } from '../result';

/** The alert a local request (CLI, inbox file, POST with the token) asks for, starting now. */
export function localAlert(request: AlertRequest, id: string, now: Date): AlertItem {
  return {
    kind: 'alert',
    id,
    text: request.text,
    level: request.level,
    starts: now.toISOString(),
    expires: new Date(now.getTime() + request.minutes * 60_000).toISOString(),
  };
}

/**
 * Local alerts face the same content policy as feed alerts: whoever holds the token or
 * the inbox folder must not put a scam hotline on a public screen either.
 */
export function checkLocalAlert(request: AlertRequest, id: string, now: Date, policy: PolicyConfig): Result<AlertItem> {
  const checked = checkItem(localAlert(request, id, now), policy);
  return checked.ok && checked.value.kind === 'alert' ? { ok: true, value: checked.value } : { ok: false, error: checked.ok ? 'not an alert' : checked.error };
}
