import { mkdtemp, readFile, readlink, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishCommand } from '../../src/cli/commands/publish';
import { previewState, caseForGroup } from '../../src/core/console/preview';
import { PlayerState } from '../../src/core/api/contract';
import { verifyAudit } from '../../src/node/console/audit-log';
import { openConsoleData } from '../../src/node/console/console-data';
import { groupDocuments, publishedDocuments } from '../../src/node/console/group-documents';
import { importPack } from '../../src/node/console/import-pack';
import { lockDataDir } from '../../src/node/console/data-lock';
import { fakeIo } from '../helpers/fake-io';
import { processFeedBytes } from '../../src/node/feed/pipeline';
import { parsePublicKey } from '../../src/node/signing/ed25519';
import { ok } from '../../src/core/result';
import { REPO_ROOT } from '../helpers/console-client';

let dataDir: string;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'console-cli-'));
  const data = await openConsoleData(dataDir, () => new Date());
  const imported = await importPack(join(REPO_ROOT, 'playlists/default.playlist.json'), data.media, new Date());
  await data.library.putAll(imported.entries);
  if (imported.group) await data.settings.saveGroup(imported.group, true);
  await data.settings.saveSettings({ ...data.settings.settings(), policy: { blockedTerms: [], allowedPhones: [], allowedLinkHosts: imported.linkHosts } });
}, 60_000);
afterAll(async () => {
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe('kiosk publish', { timeout: 30_000 }, () => {
  it('writes a signed version to --out with progress, and says where screens find it', async () => {
    const io = fakeIo(dataDir);
    const code = await publishCommand.run(['--data', dataDir, '--out', 'site', '--base-url', 'https://cdn.example.org/af/'], io);
    expect(io.stderr).toEqual([]);
    expect(code).toBe(0);
    expect(io.stdout[0]).toBe('Publishing…');
    expect(io.stdout).toContainEqual(expect.stringMatching(/^ {2}media \d+\/\d+ \(/));
    expect(io.stdout).toContainEqual(expect.stringMatching(/^Published version 1: \d+ items, \d+ media in [\d.]+ s$/));
    expect(io.stdout).toContainEqual(expect.stringMatching(/^Feed: https:\/\/cdn\.example\.org\/af\/current\/feed\.json \(valid until \d{4}-/));
    expect(await readlink(join(dataDir, 'site', 'current'))).toBe(join('versions', '00000001'));
    const feed = JSON.parse(await readFile(join(dataDir, 'site', 'current', 'feed.json'), 'utf8')) as { _kiosk: { version: number }; items: { attachments?: { url: string }[] }[] };
    expect(feed._kiosk.version).toBe(1);
    const urls = feed.items.flatMap((i) => i.attachments ?? []).map((a) => a.url);
    expect(urls.length).toBeGreaterThan(0);
    expect(urls.every((u) => /^https:\/\/cdn\.example\.org\/af\/media\/[0-9a-f]{64}\.(webm|png|jpg|vtt)$/.test(u))).toBe(true);
  });

  it('refuses, naming each item and the reason, when approved content fails the policy (exit 1)', async () => {
    const data = await openConsoleData(dataDir, () => new Date());
    const at = new Date().toISOString();
    await data.library.putAll([{
      item: { kind: 'slogan', id: 'spam', locale: 'zh-CN', text: '加我微信领红包 https://evil.example/win' },
      workflow: { status: 'approved', comment: '', rev: 1, updatedBy: 'x', updatedAt: at },
      targeting: { audience: [], regions: [], validity: { type: 'always' }, pins: [] },
    }]);
    const io = fakeIo(dataDir);
    expect(await publishCommand.run(['--data', dataDir, '--out', 'site'], io)).toBe(1);
    expect(io.stderr).toEqual(['kiosk publish: refused:', '  spam: link "https://evil.example/win" is not on allowedLinkHosts']);
    expect(await readlink(join(dataDir, 'site', 'current'))).toBe(join('versions', '00000001'));
    expect((await publishCommand.run(['--base-url', 'ftp://x'], fakeIo(dataDir)))).toBe(2);
    const missing = fakeIo(dataDir);
    expect(await publishCommand.run(['--data', 'nowhere'], missing)).toBe(2);
    expect(missing.stderr[0]).toMatch(/nowhere holds no console library/);
  });

  it('refuses while a console (or another publish) owns the data folder', async () => {
    const held = await lockDataDir(dataDir);
    if (!held.ok) throw new Error(held.error);
    const io = fakeIo(dataDir);
    expect(await publishCommand.run(['--data', dataDir, '--out', 'site'], io)).toBe(1);
    expect(io.stderr[0]).toBe(`kiosk publish: ${dataDir} is in use by another console or publish (pid ${process.pid}); use that one, or stop it first`);
    await held.value();
  });
});

describe('console data: preview and audit', () => {
  it('previews a group from its documents (drafts: what a publish would write) as a PlayerState the real renderer accepts, and names the case of the day', async () => {
    const data = await openConsoleData(dataDir, () => new Date());
    const group = data.settings.groups()[0];
    if (!group) throw new Error('no group');
    const now = new Date('2026-05-01T02:00:00Z');
    const drafts = await groupDocuments(data, group, 'draft', now);
    if (!drafts) throw new Error('no draft documents');
    const state = previewState({ docs: drafts, policy: data.policy(), group, now, appVersion: '0', organisation: group.name });
    expect(PlayerState.safeParse(state).success).toBe(true);
    expect(state.items.find((i) => i.kind === 'video')).toMatchObject({ file: expect.stringMatching(/^media\/pack\/media\/[0-9a-f]{64}\.webm$/) });
    // The spam draft breaks the content policy: a publish would refuse it, so the preview leaves it out too.
    expect(state.items.some((i) => i.id === 'spam')).toBe(false);
    const site = await publishedDocuments(join(dataDir, 'site'), group.id);
    if (!site) throw new Error('no published documents in site/');
    const published = previewState({ docs: site, policy: data.policy(), group, now, appVersion: '0', organisation: group.name });
    expect(published.items.some((i) => i.id === 'spam')).toBe(false);
    expect(published.items.length).toBeGreaterThan(0);
    const today = caseForGroup({ docs: drafts, policy: data.policy(), now }, '2026-05-01');
    const tomorrow = caseForGroup({ docs: drafts, policy: data.policy(), now }, '2026-05-02');
    expect(today?.kind).toBe('case');
    expect(today?.id).not.toBe(tomorrow?.id);
  });

  it('keeps a hash-chained audit log that shows an edited line', async () => {
    const data = await openConsoleData(dataDir, () => new Date());
    await data.audit.append({ actor: 'ed', action: 'edit', target: 'a', detail: 'rev 2' });
    await data.audit.append({ actor: 'pub', action: 'approve', target: 'a', detail: '' });
    const text = await readFile(data.paths.audit, 'utf8');
    expect(verifyAudit(text)).toEqual([]);
    expect((await data.audit.recent(1))[0]).toMatchObject({ actor: 'pub', action: 'approve' });
    expect(verifyAudit(text.replace('"actor":"ed"', '"actor":"admin"'))).toEqual([expect.stringMatching(/line \d+: hash does not match/)]);
  });
});

describe('screen groups with tags', { timeout: 30_000 }, () => {
  it('get a signed feed of their own with only the items carrying one of their tags', async () => {
    const data = await openConsoleData(dataDir, () => new Date());
    const base = data.settings.groups()[0];
    if (!base) throw new Error('no group');
    await data.settings.saveGroup({ ...base, id: 'school', name: '学校', tags: ['students'], rev: 0 }, true);
    const at = new Date().toISOString();
    const targeted = (id: string, audience: string[]) => ({
      item: { kind: 'slogan' as const, id, locale: 'zh-CN' as const, text: `网上兼职刷单都是诈骗（${audience.join('')}）` },
      workflow: { status: 'approved' as const, comment: '', rev: 1, updatedBy: 'x', updatedAt: at },
      targeting: { audience, regions: [], validity: { type: 'always' as const }, pins: [] },
    });
    await data.library.putAll([targeted('for-students', ['students']), targeted('for-elderly', ['elderly'])]);
    const spam = data.library.get('spam');
    if (spam) expect((await data.library.remove('spam', spam.workflow.rev, { username: 'ed', roles: ['editor'] })).ok).toBe(true);
    const published = await data.publish({ username: 'p', roles: ['publisher'] }, { outDir: join(dataDir, 'site'), baseUrl: 'https://cdn.example.org/af' });
    if (!published.ok) throw new Error(published.error.message);
    const bytes = await readFile(join(dataDir, 'site', 'current', 'group-school.json'));
    const signature = (await readFile(join(dataDir, 'site', 'current', 'group-school.json.sig'), 'utf8')).trim();
    const key = parsePublicKey(data.keys().publicKeyBase64);
    if (!key.ok) throw new Error(key.error);
    const mapOptions = { sourceUrl: 'https://cdn.example.org/af/current/group-school.json', defaultKind: 'slogan' as const, sourceTags: [], maxAgeDays: 30, maxItems: 5000, policy: data.policy(), now: new Date() };
    const processed = await processFeedBytes(bytes, undefined, { publicKey: key.value, detachedSignature: async () => ok(signature), lastVersion: undefined }, mapOptions);
    if (!processed.ok) throw new Error(processed.error);
    const entries = processed.value.mapped.entries.map((e) => e.item);
    expect(entries.length).toBeGreaterThan(0);
    expect(processed.value.mapped.alerts).toEqual([]);
    expect(entries.every((item) => item.tags?.includes('students'))).toBe(true);
    expect(entries).toContainEqual(expect.objectContaining({ text: '网上兼职刷单都是诈骗（students）' }));
    expect(entries).not.toContainEqual(expect.objectContaining({ text: '网上兼职刷单都是诈骗（elderly）' }));
    const all = JSON.parse(await readFile(join(dataDir, 'site', 'current', 'feed.json'), 'utf8')) as { items: { id: string }[] };
    expect(all.items.map((i) => i.id)).toEqual(expect.arrayContaining(['for-students', 'for-elderly']));
  });
});

describe('an edit saved while a publish is writing', { timeout: 30_000 }, () => {
  it('keeps the new draft; the item records what that publish put on screens', async () => {
    const data = await openConsoleData(dataDir, () => new Date());
    const at = new Date().toISOString();
    const first = { kind: 'slogan' as const, id: 'racing', locale: 'zh-CN' as const, text: '发布的版本' };
    await data.library.putAll([{ item: first, workflow: { status: 'approved', comment: '', rev: 1, updatedBy: 'x', updatedAt: at }, targeting: { audience: [], regions: [], validity: { type: 'always' }, pins: [] } }]);
    let edit: Promise<unknown> | undefined;
    const editor = { username: 'ed', roles: ['editor' as const] };
    const published = await data.publish({ username: 'p', roles: ['publisher'] }, {
      outDir: join(dataDir, 'site'),
      onProgress: (p) => {
        if (p.phase === 'signing' && !edit) edit = data.library.save('racing', { ...first, text: '写了一半的新草稿' }, { audience: [], regions: [], validity: { type: 'always' }, pins: [] }, 1, editor, new Date());
      },
    });
    expect(published.ok).toBe(true);
    expect(edit).toBeDefined();
    await edit;
    const entry = data.library.get('racing');
    expect(entry?.item).toEqual({ ...first, text: '写了一半的新草稿' });
    expect(entry?.workflow.status).toBe('draft');
    expect(entry?.published).toEqual(first);
  });
});
