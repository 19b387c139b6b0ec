import { z } from 'zod';
import { ScreenGroup } from '../../core/console/formats';
import { Settings } from '../../core/console/contract';
import { err, ok, type Result } from '../../core/result';
import type { Failure } from '../../core/console/workflow';
import { writeFileAtomic } from '../atomic-file';
import { readJsonAs } from '../json-file';
import { serial } from './serial';

const GroupsFile = z.strictObject({ groups: z.array(ScreenGroup) });
const PublishState = z.strictObject({ lastVersion: z.number().int().nonnegative() });

export const DEFAULT_SETTINGS: Settings = {
  publicUrl: 'http://127.0.0.1:8790/feed', expiryDays: 14, maxUploadMb: 500,
  policy: { blockedTerms: [], allowedPhones: [], allowedLinkHosts: [] },
};

async function readOr<S extends z.ZodType>(path: string, schema: S, fallback: z.infer<S>): Promise<z.infer<S>> {
  const read = await readJsonAs(path, schema);
  if (read.ok) return read.value;
  if (read.error.some((l) => l.includes('cannot read'))) return fallback;
  throw new Error(read.error.join('\n'));
}

/** Settings, screen groups and the last published version: small JSON files, each written atomically. */
export interface SettingsStore {
  settings(): Settings;
  saveSettings(s: Settings): Promise<Settings>;
  groups(): readonly ScreenGroup[];
  saveGroup(group: ScreenGroup, isNew: boolean): Promise<Result<ScreenGroup, Failure>>;
  deleteGroup(id: string, rev: number): Promise<Result<true, Failure>>;
  lastVersion(): number;
  setLastVersion(v: number): Promise<void>;
  readonly exists: boolean;
}

export async function openSettingsStore(paths: { settings: string; groups: string; publishState: string }): Promise<SettingsStore> {
  const existing = await readJsonAs(paths.settings, Settings);
  let settings = await readOr(paths.settings, Settings, DEFAULT_SETTINGS);
  let groups = (await readOr(paths.groups, GroupsFile, { groups: [] })).groups;
  let lastVersion = (await readOr(paths.publishState, PublishState, { lastVersion: 0 })).lastVersion;
  const queue = serial();
  const persistGroups = (): Promise<void> => writeFileAtomic(paths.groups, `${JSON.stringify({ groups }, null, 2)}\n`);
  return {
    exists: existing.ok,
    settings: () => settings,
    saveSettings: (s) =>
      queue(async () => {
        await writeFileAtomic(paths.settings, `${JSON.stringify(s, null, 2)}\n`);
        settings = s;
        return s;
      }),
    groups: () => groups,
    saveGroup: (group, isNew) =>
      queue(async () => {
        const current = groups.find((g) => g.id === group.id);
        if (current && current.rev !== group.rev) {
          return err({ code: 'conflict', message: `screen group ${group.id} was changed since you opened it; reload` });
        }
        if (!current && !isNew && group.rev !== 0) return err({ code: 'not-found', message: `no screen group "${group.id}"` });
        const saved = { ...group, rev: group.rev + 1 };
        groups = [...groups.filter((g) => g.id !== group.id), saved];
        await persistGroups();
        return ok(saved);
      }),
    deleteGroup: (id, rev) =>
      queue(async () => {
        const current = groups.find((g) => g.id === id);
        if (!current) return err({ code: 'not-found', message: `no screen group "${id}"` });
        if (current.rev !== rev) return err({ code: 'conflict', message: `screen group ${id} was changed since you opened it` });
        groups = groups.filter((g) => g.id !== id);
        await persistGroups();
        return ok(true as const);
      }),
    lastVersion: () => lastVersion,
    setLastVersion: (v) =>
      queue(async () => {
        lastVersion = Math.max(lastVersion, v);
        await writeFileAtomic(paths.publishState, `${JSON.stringify({ lastVersion })}\n`);
      }),
  };
}
