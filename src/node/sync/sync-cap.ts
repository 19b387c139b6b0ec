import type { CapAlert } from '../../core/cap/cap-model';
import { capAlertItems, type CapSelectOptions } from '../../core/cap/cap-select';
import { applyCap, EMPTY_CAP_STATE, pruneCapState, type CapState } from '../../core/cap/cap-state';
import type { SourceState } from '../../core/feed/snapshot-format';
import type { AlertItem, Locale } from '../../core/model/content';
import type { FeedSource } from '../../core/model/feed-config';
import { checkItem } from '../../core/policy/content-policy';
import { err, ok, type Result } from '../../core/result';
import { parseCapText } from '../feed/cap-parse';
import { decodeFeed } from '../feed/decode';
import { fetchFeed, fetchSignature } from '../feed/fetch-feed';
import { verifyBytes } from '../signing/ed25519';
import type { SourceSyncDeps } from './sync-source';

/** A feed of CAP entries may link to each message; at most this many are fetched a poll. */
const MAX_LINKED = 20;

async function readCap(deps: SourceSyncDeps, source: FeedSource, bytes: Buffer, contentType: string | undefined): Promise<Result<{ alerts: CapAlert[]; links: string[] }>> {
  if (deps.publicKey) {
    const sig = await fetchSignature(deps.client, deps.settings, source);
    if (!sig.ok) return err(`unsigned content refused (publicKey is set): ${sig.error}`);
    if (!verifyBytes(bytes, sig.value, deps.publicKey)) return err('bad signature: the CAP document does not match its .sig');
  }
  const doc = await parseCapText(decodeFeed(bytes, contentType).text);
  return doc.ok ? ok({ alerts: [...doc.value.alerts], links: [...doc.value.links] }) : doc;
}

async function linked(deps: SourceSyncDeps, source: FeedSource, links: readonly string[]): Promise<CapAlert[]> {
  const out: CapAlert[] = [];
  for (const url of links.slice(0, MAX_LINKED)) {
    const fetched = await fetchFeed(deps.client, deps.settings, { ...source, url }, undefined);
    if (!fetched.ok || fetched.value.kind !== 'body') continue;
    const read = await readCap(deps, { ...source, url }, fetched.value.bytes, fetched.value.contentType);
    if (read.ok) out.push(...read.value.alerts);
  }
  return out;
}

function selectOptions(source: FeedSource): CapSelectOptions {
  const { include, geocodes, areaDesc, defaultHours } = source.cap;
  return { include, defaultHours, ...(geocodes.length || areaDesc.length ? { area: { geocodes, areaDesc } } : {}) };
}

/** The CAP state's alerts for this screen, each through the content policy like any feed text. */
function vetted(state: CapState, deps: SourceSyncDeps, source: FeedSource, locales: readonly Locale[]): { alerts: AlertItem[]; quarantined: { id: string; reason: string }[] } {
  const alerts: AlertItem[] = [];
  const quarantined: { id: string; reason: string }[] = [];
  for (const item of capAlertItems(state, locales, deps.now.getTime(), selectOptions(source))) {
    const checked = checkItem(item, deps.policy);
    if (checked.ok && checked.value.kind === 'alert') alerts.push(checked.value);
    else quarantined.push({ id: item.id, reason: checked.ok ? 'not an alert' : checked.error });
  }
  return { alerts, quarantined };
}

/** One CAP source, one poll: new messages applied in the order they were sent, then the screen's alerts chosen. */
export async function syncCapSource(
  deps: SourceSyncDeps, source: FeedSource, previous: SourceState | undefined, locales: readonly Locale[],
): Promise<Result<SourceState>> {
  const fetched = await fetchFeed(deps.client, deps.settings, source, previous);
  if (!fetched.ok) return fetched;
  const nowMs = deps.now.getTime();
  let state: CapState = pruneCapState(previous?.cap ?? EMPTY_CAP_STATE, nowMs);
  const validators = fetched.value.kind === 'body' ? fetched.value.validators : { ...(previous?.etag ? { etag: previous.etag } : {}), ...(previous?.lastModified ? { lastModified: previous.lastModified } : {}) };
  if (fetched.value.kind === 'body') {
    const read = await readCap(deps, source, fetched.value.bytes, fetched.value.contentType);
    if (!read.ok) return read;
    const messages = [...read.value.alerts, ...(await linked(deps, source, read.value.links))];
    for (const m of messages.sort((a, b) => Date.parse(a.sent) - Date.parse(b.sent))) state = applyCap(state, m, nowMs).state;
  }
  const shown = vetted(state, deps, source, locales);
  return ok({ url: source.url, ...validators, fetchedAt: deps.now.toISOString(), entries: [], alerts: shown.alerts, quarantined: shown.quarantined, cap: { active: { ...state.active }, ended: { ...state.ended } } });
}
