import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeviceConfig } from '../../src/core/model/config';
import { FeedSettings } from '../../src/core/model/feed-config';
import { syncSettings } from '../../src/core/contract/screen-content';
import { createFeedSync, type FeedSync } from '../../src/node/sync/feed-sync';
import { accountClient, REPO_ROOT, startConsoleFixture, type ConsoleClient, type ConsoleFixture } from '../helpers/console-client';

const always = { audience: [], regions: [], validity: { type: 'always' }, pins: [] };
let f: ConsoleFixture;
let editor: ConsoleClient;
let publisher: ConsoleClient;
let kioskDir: string;
const syncs: FeedSync[] = [];

beforeAll(async () => {
  f = await startConsoleFixture();
  editor = await accountClient(f, 'editor', ['editor']);
  publisher = await accountClient(f, 'publisher', ['publisher']);
  kioskDir = await mkdtemp(join(tmpdir(), 'console-kiosk-'));
}, 60_000);
afterAll(async () => {
  for (const s of syncs) await s.stop();
  await f?.close();
  if (kioskDir) await rm(kioskDir, { recursive: true, force: true });
});

/** A screen configured from the console's device-config snippet, as an installer would paste it. */
async function kiosk(): Promise<FeedSync> {
  const snippet = await f.admin.call('deviceConfig', { params: { id: 'default' } });
  const config = DeviceConfig.parse(snippet.data.config);
  // The snippet names the group's published folder (`publisher`): its documents are the first feed source.
  const settings = FeedSettings.parse({ ...syncSettings(config.feeds, config.publisher), timeouts: { connectMs: 1000, feedMs: 5000, mediaMs: 5000 } });
  const sync = await createFeedSync({ settings, dataDir: kioskDir, now: () => new Date(), log: () => undefined });
  syncs.push(sync);
  return sync;
}

/** Uploads bytes in chunks the way the UI does, breaking off once and resuming from what the server holds. */
async function upload(client: ConsoleClient, name: string, bytes: Buffer): Promise<{ path: string; sha256: string; poster?: string | undefined }> {
  const started = await client.call('startUpload', { body: { name, bytes: bytes.length } });
  expect(started.status).toBe(200);
  const id = started.data.id;
  const chunk = 64 * 1024;
  const half = Math.floor(bytes.length / chunk / 2) * chunk;
  for (let offset = 0; offset < half; offset += chunk) await putChunk(client, id, offset, bytes.subarray(offset, offset + chunk));
  const stale = await putChunk(client, id, 0, bytes.subarray(0, chunk));
  expect(stale.status).toBe(409);
  const state = await client.call('uploadState', { params: { id } });
  for (let offset = state.data.received; offset < bytes.length; offset += chunk) await putChunk(client, id, offset, bytes.subarray(offset, offset + chunk));
  const done = await client.call('finishUpload', { params: { id } });
  expect(done.status, done.error).toBe(200);
  return done.data;
}

async function putChunk(client: ConsoleClient, id: string, offset: number, data: Buffer): Promise<Response> {
  return fetch(`${client.origin}/console/api/uploads/${id}?offset=${offset}`, {
    method: 'PUT', body: new Uint8Array(data),
    headers: { cookie: client.cookie, 'x-csrf-token': client.csrf, 'content-type': 'application/octet-stream', origin: client.origin },
  });
}

async function submitAndApprove(id: string): Promise<void> {
  const item = await editor.call('getItem', { params: { id } });
  const submitted = await editor.call('transition', { params: { id }, body: { action: 'submit', rev: item.data.entry.workflow.rev } });
  expect(submitted.status, submitted.error).toBe(200);
  const approved = await publisher.call('transition', { params: { id }, body: { action: 'approve', rev: submitted.data.entry.workflow.rev } });
  expect(approved.status, approved.error).toBe(200);
}

describe('console: write, approve, publish; a kiosk with the feed URL and key takes it', { timeout: 90_000 }, () => {
  it('imports the pack on first run', async () => {
    const list = await f.admin.call('listItems');
    const packSlogans = JSON.parse(await readFile(join(REPO_ROOT, 'playlists/pack/slogans.zh-CN.json'), 'utf8')) as { items: { id: string }[] };
    expect(list.data.total).toBeGreaterThan(packSlogans.items.length);
    expect(list.data.items.map((i) => i.id)).toEqual(expect.arrayContaining(packSlogans.items.map((i) => i.id)));
    expect(list.data.items.every((i) => i.status === 'approved')).toBe(true);
    const groups = await f.admin.call('listGroups');
    expect(groups.data.map((g) => g.id)).toEqual(['default']);
  });

  it('refuses to publish an approved item that fails the content policy, naming it and why', async () => {
    const bad = await editor.call('createItem', { body: { item: { kind: 'slogan', id: 'bad-phone', locale: 'zh-CN', text: '中奖请拨打 13800138000 领取' }, targeting: always } });
    expect(bad.status).toBe(200);
    expect(bad.data.problems.join(' ')).toMatch(/13800138000/);
    await submitAndApprove('bad-phone');
    const refused = await publisher.call('publish', { body: {} });
    expect(refused.status).toBe(422);
    expect(refused.error).toMatch(/bad-phone.*13800138000/);
    expect(refused.json).toMatchObject({ reasons: [{ id: 'bad-phone', reason: 'phone number "13800138000" is not on allowedPhones' }] });
    const back = await editor.call('getItem', { params: { id: 'bad-phone' } });
    expect((await editor.call('deleteItem', { params: { id: 'bad-phone' }, body: { rev: back.data.entry.workflow.rev } })).status).toBe(200);
  });

  it('publishes a new slogan and a captioned video; the kiosk pipeline accepts both, the video by its sha256', async () => {
    const pack = await readFile(join(REPO_ROOT, 'playlists/pack/media/video-fake-refund.zh-CN.cn.webm'));
    const video = Buffer.concat([pack, Buffer.from('console-test')]);
    const stored = await upload(editor, 'warning.webm', video);
    expect(stored.sha256).toBe(createHash('sha256').update(video).digest('hex'));
    const captions = await editor.call('uploadCaptions', { body: { text: 'WEBVTT\n\n00:00.000 --> 00:02.000\n不要转账\n' } });
    expect(captions.status).toBe(200);
    const slogan = '陌生来电要转账，一律挂断再核实';
    expect((await editor.call('createItem', { body: { item: { kind: 'slogan', id: 'new-slogan', locale: 'zh-CN', text: slogan }, targeting: { ...always, audience: ['students'] } } })).status).toBe(200);
    const videoItem = { kind: 'video', id: 'new-video', locale: 'zh-CN', title: '新的防骗视频', file: stored.path, captions: captions.data.path, ...(stored.poster ? { poster: stored.poster } : {}) };
    const created = await editor.call('createItem', { body: { item: videoItem, targeting: always } });
    expect(created.status, created.error).toBe(200);
    await submitAndApprove('new-slogan');
    await submitAndApprove('new-video');

    const published = await publisher.call('publish', { body: {} });
    expect(published.status, published.error).toBe(200);
    expect(published.data.version).toBe(1);
    expect(published.data.feedUrl).toBe(`${f.origin}/feed/current/feed.json`);
    const sync = await kiosk();
    const status = await sync.syncNow();
    expect(status.lastError).toBeNull();
    expect(status.quarantined).toEqual([]);
    const items = sync.items();
    expect(items).toContainEqual(expect.objectContaining({ kind: 'slogan', text: slogan, tags: ['students'] }));
    expect(items).toContainEqual(expect.objectContaining({ kind: 'video', title: '新的防骗视频', file: `media/cache/${stored.sha256}` }));
    expect(await readFile(sync.cacheFile(stored.sha256) ?? '')).toEqual(video);
    const row = await editor.call('getItem', { params: { id: 'new-slogan' } });
    expect(row.data.entry.workflow.status).toBe('published');
  });

  it('a kiosk refuses a tampered feed and keeps what it had', async () => {
    const sync = syncs[0] ?? (await kiosk());
    const before = sync.items().length;
    const feedFile = join(f.dataDir, 'published', 'current', 'group-default.json');
    const text = await readFile(feedFile, 'utf8');
    await writeFile(feedFile, text.replace('陌生来电要转账', '陌生来电请转账'));
    const status = await sync.syncNow();
    expect(status.lastError).toMatch(/bad signature/);
    expect(sync.items().length).toBe(before);
    expect(sync.items()).toContainEqual(expect.objectContaining({ text: '陌生来电要转账，一律挂断再核实' }));
    await writeFile(feedFile, text);
  });

  it('a kiosk refuses a rolled-back version (current/ pointed at an older signed version)', async () => {
    const sync = syncs[0] ?? (await kiosk());
    const item = await editor.call('getItem', { params: { id: 'new-slogan' } });
    const edited = await editor.call('saveItem', {
      params: { id: 'new-slogan' }, body: { item: { ...item.data.entry.item, text: '验证码不给任何人' }, targeting: item.data.entry.targeting, rev: item.data.entry.workflow.rev },
    });
    expect(edited.status, edited.error).toBe(200);
    await submitAndApprove('new-slogan');
    const second = await publisher.call('publish', { body: {} });
    expect(second.data.version).toBe(2);
    expect((await sync.syncNow()).lastError).toBeNull();
    expect(sync.items()).toContainEqual(expect.objectContaining({ text: '验证码不给任何人' }));

    const current = join(f.dataDir, 'published', 'current');
    await rm(current);
    await symlink(join('versions', '00000001'), current);
    const status = await sync.syncNow();
    expect(status.lastError).toMatch(/version 1 is older than the accepted version 2/);
    expect(sync.items()).toContainEqual(expect.objectContaining({ text: '验证码不给任何人' }));
    expect(sync.items()).not.toContainEqual(expect.objectContaining({ text: '陌生来电要转账，一律挂断再核实' }));
  });
});
