import { spawn } from 'node:child_process';
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, readlink, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FeedSettings } from '../../src/core/model/feed-config';
import { policyConfig } from '../../src/core/policy/content-policy';
import { processFeedBytes } from '../../src/node/feed/pipeline';
import { parsePublicKey } from '../../src/node/signing/ed25519';
import { openConsoleData } from '../../src/node/console/console-data';
import { importPack } from '../../src/node/console/import-pack';
import { PUBLISH_POINTS, publishedVersions, type PublishPoint } from '../../src/node/console/publisher';
import { ok } from '../../src/core/result';
import { REPO_ROOT } from '../helpers/console-client';

/*
 * The kills land at named points of the write (the child kills itself there), not after a
 * delay: the same cuts happen on a fast machine and on a loaded one, and every point is hit.
 */
const CHILD = resolve(__dirname, 'console-publish-child.ts');
let dataDir: string;
let outDir: string;
let linkHosts: string[] = [];
let childBundle: string;
let publicKey: string;

type Mode = 'none' | 'kill' | 'throw';
interface Run {
  readonly points: PublishPoint[];
  readonly published?: number;
  readonly threw?: string;
  readonly signal: NodeJS.Signals | null;
}

function runChild(mode: Mode, point?: PublishPoint, nth = 1): Promise<Run> {
  return new Promise((done, fail) => {
    const args = mode === 'none' ? [] : [mode, point ?? '', String(nth)];
    const child = spawn(process.execPath, [childBundle, dataDir, outDir, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', fail);
    child.on('exit', (code, signal) => {
      const lines = stdout.split('\n');
      if (signal === null && code !== 0) return fail(new Error(`publisher failed (${code}): ${stderr}`));
      const published = lines.find((l) => l.startsWith('published '));
      const threw = lines.find((l) => l.startsWith('threw '));
      done({
        points: lines.filter((l) => l.startsWith('at ')).map((l) => l.slice(3) as PublishPoint),
        ...(published ? { published: Number(published.slice(10)) } : {}),
        ...(threw ? { threw: threw.slice(6) } : {}),
        signal,
      });
    });
  });
}

/** What a screen would get from `current/`: every feed signed and whole, every medium present with its hash. */
async function servedVersion(): Promise<number> {
  const target = await readlink(join(outDir, 'current'));
  const key = parsePublicKey(publicKey);
  if (!key.ok) throw new Error(key.error);
  const settings = FeedSettings.parse({ allowedLinkHosts: linkHosts });
  const mapOptions = { sourceUrl: 'http://127.0.0.1:1/feed/current/feed.json', defaultKind: 'slogan' as const, sourceTags: [], maxAgeDays: 30, maxItems: 5000, policy: policyConfig(settings), now: new Date(), media: { allowHttp: true, requireSha256: true } };
  const files = await readdir(join(outDir, 'current'));
  // Never a mix: each document of the version folder has its signature beside it.
  for (const f of files.filter((n) => !n.endsWith('.sig'))) expect(files).toContain(`${f}.sig`);
  let version = -1;
  for (const name of ['feed.json', 'feed.xml']) {
    const bytes = await readFile(join(outDir, 'current', name));
    const sig = (await readFile(join(outDir, 'current', `${name}.sig`), 'utf8')).trim();
    const processed = await processFeedBytes(bytes, undefined, { publicKey: key.value, detachedSignature: async () => ok(sig), lastVersion: undefined }, mapOptions);
    if (!processed.ok) throw new Error(`${target}/${name}: ${processed.error}`);
    expect(processed.value.signed).toBe(true);
    expect(processed.value.mapped.quarantined).toEqual([]);
    version = processed.value.feed.version ?? -1;
    expect(target).toBe(join('versions', String(version).padStart(8, '0')));
    for (const entry of processed.value.mapped.entries) {
      for (const need of entry.media) {
        const file = await readFile(join(outDir, 'media', need.url.split('/').pop() ?? ''));
        expect(createHash('sha256').update(file).digest('hex')).toBe(need.sha256);
      }
    }
  }
  return version;
}

/** Temp files and folders a publish leaves only when it is stopped in the middle of writing them. */
async function leftovers(): Promise<string[]> {
  const list = async (dir: string): Promise<string[]> =>
    (await readdir(join(outDir, dir)).catch(() => [] as string[])).filter((n) => n.startsWith('.')).map((n) => join(dir, n));
  return [...(await list('.')), ...(await list('versions')), ...(await list('media'))];
}

/** The leftover a cut at this point must leave: proof that it landed inside that write. */
const LEFT_AT: Partial<Record<PublishPoint, RegExp>> = {
  'medium-temp': /^media\/\..*\.tmp$/,
  'version-file': /^versions\/\.tmp-\d{8}-/,
  'version-complete': /^versions\/\.tmp-\d{8}-/,
  'pointer-temp': /^\.current-.*\.tmp$/,
};

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'console-kill-data-'));
  outDir = join(dataDir, 'out');
  // One bundle up front: plain node per run instead of a TypeScript compile through tsx.
  childBundle = join(dataDir, 'child.mjs');
  await build({ entryPoints: [CHILD], bundle: true, platform: 'node', format: 'esm', outfile: childBundle, logLevel: 'error' });
  const data = await openConsoleData(dataDir, () => new Date());
  const imported = await importPack(join(REPO_ROOT, 'playlists/default.playlist.json'), data.media, new Date());
  await data.library.putAll(imported.entries);
  linkHosts = imported.linkHosts;
  await data.settings.saveSettings({ ...data.settings.settings(), policy: { blockedTerms: [], allowedPhones: [], allowedLinkHosts: imported.linkHosts } });
  publicKey = (await readFile(join(dataDir, 'keys', 'publisher.pub'), 'utf8')).trim();
}, 60_000);
afterAll(async () => {
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe('console publish cut at every named point', () => {
  it('leaves the old or the new complete, signed version served, never a mix', async () => {
    // The first publish places the whole pack's media; the second is the shape every later one has.
    expect((await runChild('none')).published).toBe(1);
    const clean = await runChild('none');
    expect(clean.published).toBe(2);
    expect(await servedVersion()).toBe(2);
    expect([...new Set(clean.points)]).toEqual([...PUBLISH_POINTS]);
    // Every pass of every point: the second document and its signature are cuts mid-folder.
    const faults = PUBLISH_POINTS.flatMap((point) => clean.points.filter((p) => p === point).map((_, i) => ({ point, nth: i + 1 })));
    let served = 2;
    for (const mode of ['kill', 'throw'] as const) {
      for (const { point, nth } of faults) {
        const what = `${mode} at ${point} #${nth}`;
        // A version folder a cut left behind keeps its number: the next publish takes the one above.
        const next = Math.max(0, ...(await publishedVersions(outDir))) + 1;
        const run = await runChild(mode, point, nth);
        if (mode === 'kill') expect(run.signal, what).toBe('SIGKILL');
        else expect(run.threw, what).toBe(`injected fault at ${point} #${nth}`);
        expect(run.points.at(-1), what).toBe(point);
        expect(run.published, what).toBeUndefined();
        const switched = PUBLISH_POINTS.indexOf(point) >= PUBLISH_POINTS.indexOf('pointer-switched');
        const now = await servedVersion();
        expect(now, what).toBe(switched ? next : served);
        served = now;
        const left = LEFT_AT[point];
        if (left) expect((await leftovers()).some((n) => left.test(n)), `${what}: ${(await leftovers()).join(', ')}`).toBe(true);
      }
    }
    // The next publish clears what the cuts left and serves a version above every earlier one.
    const next = Math.max(0, ...(await publishedVersions(outDir))) + 1;
    const after = await runChild('none');
    expect(after.published).toBe(next);
    expect(await servedVersion()).toBe(next);
    expect(await leftovers()).toEqual([]);
    const reopened = await openConsoleData(dataDir, () => new Date());
    expect(reopened.library.warnings).toEqual([]);
  }, 300_000);
});
