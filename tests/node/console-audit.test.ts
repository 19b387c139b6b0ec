import { generateKeyPairSync, sign } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startConsole, type RunningConsole } from '../../src/app/console';
import { consoleRoutes, type ConsoleRouteName } from '../../src/core/console/contract';
import { enrolSigned } from '../../src/core/fleet/enrolment';
import { pairSigned } from '../../src/core/fleet/pairing';
import { issueTokens } from '../../src/node/fleet/enrol-tokens';
import { ConsoleClient, PASSWORD, REPO_ROOT } from '../helpers/console-client';

/**
 * Walks the contract's route declarations: every write route (any method but GET) must
 * append an audit record when it succeeds. A new write route fails here until it gets a
 * recipe below, and its handler an audit record (or an entry in EXEMPT, with the reason).
 */
const EXEMPT: Partial<Record<ConsoleRouteName, string>> = {
  checkItem: 'checks a draft against the policy and changes nothing',
  uploadChunk: 'bytes of an unfinished upload (a video is a hundred of them); its start and its finish are audited',
  pairStart: 'a screen asks for a pairing code: an in-memory code, nothing stored; the claim is audited',
  pairState: 'a screen polls for its config: changes nothing stored; the claim is audited',
};

interface Ctx { readonly admin: ConsoleClient; readonly running: RunningConsole; readonly token: string; readonly values: Map<string, string> }
type Call = { status: number; error: string };
interface Recipe { prepare?(ctx: Ctx): Promise<void>; act(ctx: Ctx): Promise<Call> }

const always = { audience: [], regions: [], validity: { type: 'always' }, pins: [] };
const slogan = (id: string, text: string) => ({ kind: 'slogan', id, locale: 'zh-CN', text });
const pack = join(REPO_ROOT, 'playlists/pack/media');

const uploadedVideo = async (ctx: Ctx): Promise<void> => {
  const video = await readFile(join(pack, (await readdir(pack)).find((n) => n.endsWith('.webm'))!));
  const started = await ctx.admin.call('startUpload', { body: { name: 'clip.webm', bytes: video.length } });
  const put = await fetch(`${ctx.admin.origin}/console/api/uploads/${started.data.id}?offset=0`, {
    method: 'PUT', body: new Uint8Array(video), headers: { cookie: ctx.admin.cookie, 'x-csrf-token': ctx.admin.csrf, 'content-type': 'application/octet-stream', origin: ctx.admin.origin },
  });
  if (put.status !== 200) throw new Error(`chunk: ${put.status}`);
  ctx.values.set('upload', started.data.id);
};

/** A screen's own key pair, as a screen makes it when it joins. */
const screenKey = (): { publicKey: string; signed: (text: string) => string } => {
  const pair = generateKeyPairSync('ed25519');
  return { publicKey: pair.publicKey.export({ type: 'spki', format: 'der' }).toString('base64'), signed: (text) => sign(null, Buffer.from(text), pair.privateKey).toString('base64') };
};
const firstGroup = async (ctx: Ctx): Promise<string> => (await ctx.admin.call('listGroups')).data[0]!.id;

const groupCopy = async (ctx: Ctx, id: string) => ({ ...(await ctx.admin.call('listGroups')).data[0]!, id, rev: 0 });

const RECIPES: Partial<Record<ConsoleRouteName, Recipe>> = {
  setup: { act: (ctx) => ctx.admin.call('setup', { body: { token: ctx.token, username: 'admin', password: PASSWORD } }) },
  login: { act: (ctx) => new ConsoleClient(ctx.admin.origin).call('login', { body: { username: 'admin', password: PASSWORD } }) },
  logout: {
    async prepare(ctx) {
      const other = new ConsoleClient(ctx.admin.origin);
      await other.login('admin', PASSWORD);
      ctx.values.set('cookie', other.cookie).set('csrf', other.csrf);
    },
    act(ctx) {
      const other = Object.assign(new ConsoleClient(ctx.admin.origin), { cookie: ctx.values.get('cookie'), csrf: ctx.values.get('csrf') });
      return other.call('logout', { body: {} });
    },
  },
  createItem: { act: (ctx) => ctx.admin.call('createItem', { body: { item: slogan('audit-1', '不转账'), targeting: always } }) },
  saveItem: { act: (ctx) => ctx.admin.call('saveItem', { params: { id: 'audit-1' }, body: { item: slogan('audit-1', '不转账，不汇款'), targeting: always, rev: 1 } }) },
  transition: { act: (ctx) => ctx.admin.call('transition', { params: { id: 'audit-1' }, body: { action: 'submit', rev: 2 } }) },
  deleteItem: {
    prepare: async (ctx) => void (await ctx.admin.call('createItem', { body: { item: slogan('audit-2', '挂断'), targeting: always } })),
    act: (ctx) => ctx.admin.call('deleteItem', { params: { id: 'audit-2' }, body: { rev: 1 } }),
  },
  startUpload: { act: (ctx) => ctx.admin.call('startUpload', { body: { name: 'a.webm', bytes: 1000 } }) },
  finishUpload: { prepare: uploadedVideo, act: (ctx) => ctx.admin.call('finishUpload', { params: { id: ctx.values.get('upload') ?? '' } }) },
  importList: {
    act: async (ctx) => ctx.admin.call('importList', {
      body: { format: 'generic-csv', name: 'generic.csv', base64: (await readFile(join(REPO_ROOT, 'tests/fixtures/official-lists/generic.csv'))).toString('base64') },
    }),
  },
  uploadCaptions: { act: (ctx) => ctx.admin.call('uploadCaptions', { body: { text: 'WEBVTT\n\n00:00.000 --> 00:01.000\n挂断\n' } }) },
  publish: { act: (ctx) => ctx.admin.call('publish', { body: {} }) },
  saveGroup: { act: async (ctx) => ctx.admin.call('saveGroup', { params: { id: 'audit-g' }, body: await groupCopy(ctx, 'audit-g') }) },
  deleteGroup: {
    prepare: async (ctx) => void (await ctx.admin.call('saveGroup', { params: { id: 'audit-h' }, body: await groupCopy(ctx, 'audit-h') })),
    act: (ctx) => ctx.admin.call('deleteGroup', { params: { id: 'audit-h' }, body: { rev: 1 } }),
  },
  createAccount: { act: (ctx) => ctx.admin.call('createAccount', { body: { username: 'audited', password: PASSWORD, roles: ['editor'] } }) },
  changeAccount: { act: (ctx) => ctx.admin.call('changeAccount', { params: { username: 'audited' }, body: { roles: ['editor', 'publisher'] } }) },
  revokeSessions: {
    prepare: async (ctx) => new ConsoleClient(ctx.admin.origin).login('audited', PASSWORD),
    act: (ctx) => ctx.admin.call('revokeSessions', { body: { username: 'audited' } }),
  },
  rotateKey: { act: (ctx) => ctx.admin.call('rotateKey', { body: {} }) },
  saveSettings: { act: async (ctx) => ctx.admin.call('saveSettings', { body: (await ctx.admin.call('getSettings')).data }) },
  fleetAlert: { act: (ctx) => ctx.admin.call('fleetAlert', { body: { text: '冒充客服退款是诈骗', level: 'warning', minutes: 5, target: { scope: 'all' } } }) },
  fleetClear: {
    prepare: async (ctx) => void ctx.values.set('alert', (await ctx.admin.call('fleet')).data.alerts[0]?.id ?? ''),
    act: (ctx) => ctx.admin.call('fleetClear', { params: { id: ctx.values.get('alert') ?? '' }, body: {} }),
  },
  fleetCommand: { act: (ctx) => ctx.admin.call('fleetCommand', { body: { command: 'identify', target: { scope: 'all' } } }) },
  enrol: {
    async prepare(ctx) {
      const [token] = await issueTokens(dataDir, await firstGroup(ctx), 1, new Date(Date.now() + 3_600_000), new Date());
      ctx.values.set('token', token!);
    },
    act(ctx) {
      const token = ctx.values.get('token') ?? '';
      const key = screenKey();
      return new ConsoleClient(ctx.admin.origin).call('enrol', { body: { token, publicKey: key.publicKey, signature: key.signed(enrolSigned(token, key.publicKey)), name: 'audit-enrolled' } });
    },
  },
  pairClaim: {
    async prepare(ctx) {
      const key = screenKey();
      const at = new Date().toISOString();
      const started = await new ConsoleClient(ctx.admin.origin).call('pairStart', { body: { publicKey: key.publicKey, at, signature: key.signed(pairSigned('start', at, key.publicKey)) } });
      ctx.values.set('code', started.data.code).set('group', await firstGroup(ctx));
    },
    act: (ctx) => ctx.admin.call('pairClaim', { body: { code: ctx.values.get('code') ?? '', name: 'audit-paired', group: ctx.values.get('group') ?? '' } }),
  },
  revokeScreen: {
    async prepare(ctx) {
      const joined = await ctx.running.fleet!.registry.add({ name: 'audit-revoked', group: await firstGroup(ctx), publicKey: screenKey().publicKey, via: 'token' });
      ctx.values.set('screen', joined.record.screenId);
    },
    act: (ctx) => ctx.admin.call('revokeScreen', { params: { id: ctx.values.get('screen') ?? '' }, body: {} }),
  },
  // After publish (declaration order), so there is a version to write.
  usbWrite: { act: (ctx) => ctx.admin.call('usbWrite', { body: { path: stickDir } }) },
  usbImport: { act: (ctx) => ctx.admin.call('usbImport', { body: { path: stickDir } }) },
};

let dataDir: string;
let stickDir: string;
let ctx: Ctx;
const auditCount = async (): Promise<number> => (await readFile(join(dataDir, 'audit', 'audit.jsonl'), 'utf8')).split('\n').filter(Boolean).length;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'console-audit-'));
  stickDir = await mkdtemp(join(tmpdir(), 'console-audit-stick-'));
  const running = await startConsole({ appRoot: REPO_ROOT, dataDir, port: 0, fleet: { mqttPort: 0 }, log: () => undefined, usbDirs: [stickDir] });
  ctx = { admin: new ConsoleClient(new URL(running.url).origin), running, token: new URL(running.setupUrl ?? '').searchParams.get('token') ?? '', values: new Map() };
}, 60_000);
afterAll(async () => {
  await ctx?.running.close();
  await Promise.all([dataDir, stickDir].map((d) => d && rm(d, { recursive: true, force: true })));
});

describe('the audit log covers every write route', { timeout: 60_000 }, () => {
  // In declaration order: setup first (it signs the admin in), then the rest.
  const writes = (Object.keys(consoleRoutes) as ConsoleRouteName[]).filter((name) => consoleRoutes[name].method !== 'GET');

  it('declares write routes, and every one is audited or exempt for a stated reason', () => {
    expect(writes.length).toBeGreaterThan(15);
    const missing = writes.filter((name) => !RECIPES[name] && !EXEMPT[name]);
    expect(missing, 'write routes with no audit recipe: add one here (and an audit record in the handler)').toEqual([]);
  });

  it.each(writes.filter((name) => !EXEMPT[name]))('%s appends an audit record when it succeeds', async (name) => {
    const recipe = RECIPES[name]!;
    await recipe.prepare?.(ctx);
    const before = await auditCount();
    const reply = await recipe.act(ctx);
    expect(reply.status, reply.error).toBe(200);
    expect(await auditCount()).toBeGreaterThan(before);
  });
});
