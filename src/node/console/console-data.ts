import { join } from 'node:path';
import type { Progress, PublishResult } from '../../core/console/formats';
import { planPublish, type PublishPlanResult } from '../../core/console/publish-plan';
import { markPublished, type Actor, type Failure } from '../../core/console/workflow';
import { policyConfig, type PolicyConfig } from '../../core/policy/content-policy';
import { err, ok, type Result } from '../../core/result';
import { openAccounts, type Accounts } from './accounts';
import { openAuditLog, type AuditLog } from './audit-log';
import { loadOrCreateKeys, rotateKeys, type SigningKeys } from './keys';
import { openLibraryStore, type LibraryStore } from './library-store';
import { MEDIA_REF_PREFIX, openMediaLibrary, type MediaLibrary } from './media-library';
import { mediaFileName } from '../../core/console/feed-documents';
import { writePublication, type Checkpoint } from './publisher';
import { openSettingsStore, type SettingsStore } from './settings-store';
import { createUploads, type Uploads } from './uploads';
import { serial } from './serial';
import { DEFAULT_TIME_ZONE } from '../../core/model/playlist';

/** Where everything lives inside the data folder (README "Console" lists the same). */
export const dataPaths = (dataDir: string) => ({
  library: join(dataDir, 'library'),
  media: join(dataDir, 'library', 'media'),
  accounts: join(dataDir, 'accounts.json'),
  settings: join(dataDir, 'settings.json'),
  groups: join(dataDir, 'groups.json'),
  publishState: join(dataDir, 'publish-state.json'),
  keys: join(dataDir, 'keys'),
  audit: join(dataDir, 'audit', 'audit.jsonl'),
  uploads: join(dataDir, 'uploads'),
  published: join(dataDir, 'published'),
  setupToken: join(dataDir, 'setup-token'),
  sessions: join(dataDir, 'sessions.json'),
});

export interface PublishOptions {
  readonly outDir?: string;
  readonly baseUrl?: string;
  readonly onProgress?: (p: Progress) => void;
  /** Fault injection for tests: see `PUBLISH_POINTS`. */
  readonly checkpoint?: Checkpoint;
}

export interface ConsoleData {
  readonly paths: ReturnType<typeof dataPaths>;
  readonly library: LibraryStore;
  readonly media: MediaLibrary;
  readonly accounts: Accounts;
  readonly audit: AuditLog;
  readonly settings: SettingsStore;
  readonly uploads: Uploads;
  policy(): PolicyConfig;
  keys(): SigningKeys;
  rotateKeys(): Promise<SigningKeys>;
  plan(): PublishPlanResult;
  publish(actor: Actor, options?: PublishOptions): Promise<Result<PublishResult, Failure>>;
  progress(): Progress;
}

const IDLE: Progress = { phase: 'idle', itemsDone: 0, itemsTotal: 0, mediaDone: 0, mediaTotal: 0, bytesDone: 0, bytesTotal: 0, message: '' };

interface PublishRun {
  readonly data: ConsoleData;
  readonly actor: Actor;
  readonly options: PublishOptions;
  readonly now: Date;
  readonly setProgress: (p: Progress) => void;
}

/** Collect (plan from the library), decide (core), write (version, then pointer), then record. */
async function publishNow({ data, actor, options, now, setProgress }: PublishRun): Promise<Result<PublishResult, Failure>> {
  if (!actor.roles.includes('publisher')) return err({ code: 'forbidden', message: 'publishing needs the publisher role' });
  setProgress({ ...IDLE, phase: 'checking' });
  const decided = data.plan();
  if (decided.blockers.length > 0) {
    setProgress({ ...IDLE, phase: 'failed', message: 'refused by the content policy' });
    const list = decided.blockers.map((b) => `${b.id}: ${b.reason}`).join('; ');
    return err({ code: 'invalid', message: `publishing refused: ${list}`, reasons: decided.blockers });
  }
  // What was approved when the plan was made: an edit saved while the files are written keeps its draft.
  const planned = new Map(decided.approvedIds.flatMap((id) => {
    const entry = data.library.get(id);
    return entry ? [[id, entry] as const] : [];
  }));
  const s = data.settings.settings();
  const written = await writePublication({
    outDir: options.outDir ?? data.paths.published, plan: decided, keys: data.keys(), title: 'Anti-fraud publicity',
    sourceOf: (m) => data.media.fileOf(MEDIA_REF_PREFIX + mediaFileName(m)),
    baseUrl: (options.baseUrl ?? s.publicUrl).replace(/\/+$/, ''), minVersion: data.settings.lastVersion(),
    expires: new Date(now.getTime() + s.expiryDays * 86_400_000).toISOString(),
    onProgress: (p) => setProgress({ ...p }),
    groups: data.settings.groups(),
    ...(options.checkpoint ? { checkpoint: options.checkpoint } : {}),
  });
  if (!written.ok) return written;
  await data.settings.setLastVersion(written.value.version);
  await data.library.update([...planned.keys()], (current) => {
    const approved = planned.get(current.item.id);
    if (!approved || current.workflow.rev === approved.workflow.rev) return markPublished(current, actor, now);
    return { ...current, published: approved.item };
  });
  const { version, items, media } = written.value;
  await data.audit.append({ actor: actor.username, action: 'publish', target: `version ${version}`, detail: `${items} items, ${media} media` });
  return ok(written.value);
}

export async function openConsoleData(dataDir: string, now: () => Date): Promise<ConsoleData> {
  const paths = dataPaths(dataDir);
  const media = await openMediaLibrary(paths.media);
  const library = await openLibraryStore(paths.library);
  const settings = await openSettingsStore(paths);
  let keys = await loadOrCreateKeys(paths.keys);
  const policy = (): PolicyConfig => policyConfig(settings.settings().policy);
  let progress: Progress = IDLE;
  const one = serial();
  const plan = (): PublishPlanResult =>
    planPublish({
      entries: library.list(), media: media.facts(), policy: policy(), now: now(), timeZone: settings.groups()[0]?.timeZone ?? DEFAULT_TIME_ZONE,
    });
  const data: ConsoleData = {
    paths, library, media, settings, policy,
    accounts: await openAccounts(paths.accounts),
    audit: await openAuditLog(paths.audit, now),
    uploads: createUploads(paths.uploads, media, () => settings.settings().maxUploadMb * 1024 * 1024, now),
    keys: () => keys,
    // In the publish queue: one rotation at a time, and never while a publish signs with the key.
    rotateKeys: () => one(async () => (keys = await rotateKeys(paths.keys, now().toISOString(), keys))),
    plan,
    progress: () => progress,
    publish: (actor, options = {}) =>
      one(() =>
        publishNow({ data, actor, options, now: now(), setProgress: (p) => { progress = p; options.onProgress?.(p); } }),
      ),
  };
  return data;
}
