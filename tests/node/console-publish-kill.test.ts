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
import { ok } from '../../src/core/result';
import { REPO_ROOT } from '../helpers/console-client';

const CHILD = resolve(__dirname, 'console-publish-child.ts');
const RUNS = 30;
let dataDir: string;
let outDir: string;
let linkHosts: string[] = [];
let childBundle: string;

/** Starts the publisher, kills it `ms` after it is ready; resolves with the versions it reported. */
function runAndKill(ms: number): Promise<number[]> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [childBundle, dataDir, outDir], { stdio: ['ignore', 'pipe', 'pipe'] });
    const versions: number[] = [];
    let stderr = '';
    let timer: NodeJS.Timeout | undefined;
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      for (const line of chunk.split('\n')) {
        if (line === 'ready' && !timer) timer = setTimeout(() => child.kill('SIGKILL'), ms);
        if (line.startsWith('published ')) versions.push(Number(line.slice(10)));
      }
    });
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('exit', (_code, signal) => {
      clearTimeout(timer);
      if (signal !== 'SIGKILL') fail(new Error(`publisher ended without being killed: ${stderr}`));
      else done(versions);
    });
  });
}

/** What a screen would get from `current/`: both feeds signed and whole, every medium present with its hash. */
async function servedVersion(publicKey: string): Promise<number> {
  const target = await readlink(join(outDir, 'current'));
  const key = parsePublicKey(publicKey);
  if (!key.ok) throw new Error(key.error);
  const settings = FeedSettings.parse({ allowedLinkHosts: linkHosts });
  const mapOptions = { sourceUrl: 'http://127.0.0.1:1/feed/current/feed.json', defaultKind: 'slogan' as const, sourceTags: [], maxAgeDays: 30, maxItems: 5000, policy: policyConfig(settings), now: new Date(), media: { allowHttp: true, requireSha256: true } };
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

/** Temp files or folders a publish leaves only when it is stopped in the middle of writing them. */
async function cutMidWrite(): Promise<boolean> {
  const names = [
    ...(await readdir(outDir).catch(() => [] as string[])),
    ...(await readdir(join(outDir, 'versions')).catch(() => [] as string[])),
    ...(await readdir(join(outDir, 'media')).catch(() => [] as string[])),
  ];
  return names.some((n) => n.startsWith('.'));
}

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'console-kill-data-'));
  outDir = join(dataDir, 'out');
  // One bundle up front: 30 starts of plain node instead of 30 TypeScript compiles through tsx.
  childBundle = join(dataDir, 'child.mjs');
  await build({ entryPoints: [CHILD], bundle: true, platform: 'node', format: 'esm', outfile: childBundle, logLevel: 'error' });
  const data = await openConsoleData(dataDir, () => new Date());
  const imported = await importPack(join(REPO_ROOT, 'playlists/default.playlist.json'), data.media, new Date());
  await data.library.putAll(imported.entries);
  linkHosts = imported.linkHosts;
  await data.settings.saveSettings({ ...data.settings.settings(), policy: { blockedTerms: [], allowedPhones: [], allowedLinkHosts: imported.linkHosts } });
}, 60_000);
afterAll(async () => {
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe('console publish killed with SIGKILL', () => {
  it(`leaves a complete, correctly signed version served, ${RUNS} times at random points`, async () => {
    let seed = 12345;
    const random = (): number => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const publicKey = (await readFile(join(dataDir, 'keys', 'publisher.pub'), 'utf8')).trim();
    let served = 0;
    let completed = 0;
    let cut = 0;
    for (let run = 0; run < RUNS; run++) {
      const reported = await runAndKill(Math.floor(random() * 700));
      completed += reported.length;
      if (await cutMidWrite()) cut++;
      const last = reported[reported.length - 1];
      const exists = await readlink(join(outDir, 'current')).then(() => true, () => false);
      // Before the first pointer switch nothing is served; after it, something always is.
      expect(exists || (served === 0 && last === undefined)).toBe(true);
      if (!exists) continue;
      const now = await servedVersion(publicKey);
      expect(now).toBeGreaterThanOrEqual(Math.max(served, last ?? 0));
      served = now;
    }
    expect(completed).toBeGreaterThan(0);
    // The kills did land inside writes (temp files or folders left for the next publish to clear).
    expect(cut).toBeGreaterThan(3);
    const reopened = await openConsoleData(dataDir, () => new Date());
    expect(reopened.library.warnings).toEqual([]);
  }, 240_000);
});
