import type { ScreenGroup } from '../../src/core/console/formats';
import { Ticker } from '../../src/core/model/playlist';
import type { ConsoleClient } from './console-client';

/** The school canteen: its own loop, a slow ticker, on air 08:00-09:00 only. */
export const CANTEEN: ScreenGroup = {
  id: 'canteen',
  name: 'Canteen',
  layout: 'landscape',
  locales: ['zh-CN'],
  timeZone: 'Asia/Shanghai',
  ticker: Ticker.parse({ sources: [{ type: 'slogans' }], charsPerSecond: 3.5 }),
  stage: [{ type: 'case-of-the-day', seconds: 17 }, { type: 'next-notice', variant: 'help', seconds: 9 }],
  onHours: { rules: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'], from: '08:00', to: '09:00' }], outside: 'standby' },
  tags: [],
  rev: 0,
};

function must<T extends { status: number; error: string }>(reply: T, what: string): T {
  if (reply.status !== 200) throw new Error(`${what}: HTTP ${reply.status} ${reply.error}`);
  return reply;
}

/** Saves a group (new, or over the stored revision) and returns what the console stored. */
export async function saveGroup(admin: ConsoleClient, group: ScreenGroup): Promise<ScreenGroup> {
  const stored = (await admin.call('listGroups')).data.find((g) => g.id === group.id);
  const saved = await admin.call('saveGroup', { params: { id: group.id }, body: { ...group, rev: stored?.rev ?? 0 } });
  return must(saved, 'saveGroup').data;
}

/** Pins a case to a date as an editor would, then submits and approves it. */
export async function pinCase(editor: ConsoleClient, publisher: ConsoleClient, id: string, date: string): Promise<void> {
  const item = must(await editor.call('getItem', { params: { id } }), 'getItem').data.entry;
  const saved = must(await editor.call('saveItem', {
    params: { id }, body: { item: item.item, targeting: { ...item.targeting, pins: [date] }, rev: item.workflow.rev },
  }), 'saveItem');
  const submitted = must(await editor.call('transition', { params: { id }, body: { action: 'submit', rev: saved.data.entry.workflow.rev } }), 'submit');
  must(await publisher.call('transition', { params: { id }, body: { action: 'approve', rev: submitted.data.entry.workflow.rev } }), 'approve');
}

export async function publish(publisher: ConsoleClient): Promise<number> {
  return must(await publisher.call('publish', { body: {} }), 'publish').data.version;
}

/** The case ids of the library whose locale is the group's first (the pool the rotation draws from). */
export async function caseIds(client: ConsoleClient, locale: string): Promise<string[]> {
  const list = must(await client.call('listItems', { query: { kind: 'case', limit: '500' } }), 'listItems').data;
  return list.items.filter((i) => i.kind === 'case' && i.locale === locale).map((i) => i.id);
}

/** A media reference, whichever side serves it: the same file is named by its hash on both. */
export const mediaKey = (ref: string): string => /[0-9a-f]{64}/.exec(ref)?.[0] ?? ref;

/** An item with its media references reduced to their hashes, to compare preview and screen. */
export function comparable<T extends object>(item: T): T {
  const copy: Record<string, unknown> = { ...(item as Record<string, unknown>) };
  for (const field of ['file', 'poster', 'captions', 'image']) {
    const value = copy[field];
    if (typeof value === 'string') copy[field] = mediaKey(value);
  }
  return copy as T;
}

/** A new slogan with a validity, written, submitted and approved. */
export async function approvedSlogan(editor: ConsoleClient, publisher: ConsoleClient, id: string, text: string, validity: unknown): Promise<void> {
  const created = must(await editor.call('createItem', {
    body: { item: { kind: 'slogan', id, locale: 'zh-CN', text }, targeting: { audience: [], regions: [], validity, pins: [] } },
  }), 'createItem');
  const submitted = must(await editor.call('transition', { params: { id }, body: { action: 'submit', rev: created.data.entry.workflow.rev } }), 'submit');
  must(await publisher.call('transition', { params: { id }, body: { action: 'approve', rev: submitted.data.entry.workflow.rev } }), 'approve');
}
