import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUNDLE_DIR, BUNDLE_MANIFEST, BundleManifest } from '../../src/core/bundle/manifest';
import { writeReturns } from '../../src/node/bundle/returns';
import { openPlayLog } from '../../src/node/play-log/play-log';
import { accountClient, startConsoleFixture, type ConsoleClient, type ConsoleFixture } from '../helpers/console-client';

let f: ConsoleFixture;
let stick: string;
let screenData: string;
let editor: ConsoleClient;
let publisher: ConsoleClient;

beforeAll(async () => {
  stick = await mkdtemp(join(tmpdir(), 'console-usb-stick-'));
  screenData = await mkdtemp(join(tmpdir(), 'console-usb-screen-'));
  f = await startConsoleFixture(undefined, [stick]);
  editor = await accountClient(f, 'editor', ['editor']);
  publisher = await accountClient(f, 'publisher', ['publisher']);
}, 60_000);
afterAll(async () => {
  await f?.close();
  await Promise.all([stick, screenData].map((d) => d && rm(d, { recursive: true, force: true })));
});

describe('console: Write to USB and the returns import', { timeout: 60_000 }, () => {
  it('is refused to an editor, on the server', async () => {
    expect((await editor.call('usbSticks')).status).toBe(403);
    expect((await editor.call('usbWrite', { body: { path: stick } })).status).toBe(403);
    expect((await editor.call('usbImport', { body: { path: stick } })).status).toBe(403);
  });

  it('writes the published version to a stick the server lists, and to no other folder', async () => {
    expect((await publisher.call('publish', { body: {} })).status).toBe(200);
    const sticks = await publisher.call('usbSticks');
    expect(sticks.data).toContainEqual(expect.objectContaining({ path: stick, bundleVersion: null, returns: 0 }));
    const elsewhere = await publisher.call('usbWrite', { body: { path: tmpdir() } });
    expect(elsewhere.status).toBe(404);
    const written = await publisher.call('usbWrite', { body: { path: stick } });
    expect(written.status, written.error).toBe(200);
    const manifest = BundleManifest.parse(JSON.parse(await readFile(join(stick, BUNDLE_DIR, BUNDLE_MANIFEST), 'utf8')));
    expect(manifest.version).toBe(written.data.version);
    expect(manifest.files.some((file) => file.path.startsWith('media/'))).toBe(true);
    const audit = await f.admin.call('audit', { query: { limit: '20' } });
    expect(audit.data.map((a) => `${a.actor} ${a.action}`)).toContain('publisher write-usb-bundle');
  });

  it('imports what a screen wrote back into the fleet store', async () => {
    const log = await openPlayLog({ dir: join(screenData, 'play-log'), now: () => new Date() });
    const start = new Date().toISOString();
    for (const n of [1, 2]) await log.append({ itemId: `s${n}`, kind: 'slogan', title: `line ${n}`, start, durationMs: 5000, completed: true }, 'canteen-2');
    await log.close();
    const status = { screenId: 'canteen-2', at: start, bundleVersion: 1, version: 1, outcome: 'installed' as const, refusal: null, errors: [], freeDiskBytes: 1 };
    const returned = await writeReturns({ bundleDir: join(stick, BUNDLE_DIR), screenId: 'canteen-2', playLogDir: join(screenData, 'play-log'), markFile: join(screenData, 'mark.json'), status });
    expect(returned.ok).toBe(true);
    const imported = await publisher.call('usbImport', { body: { path: stick } });
    expect(imported.status, imported.error).toBe(200);
    expect(imported.data).toEqual([{ screenId: 'canteen-2', records: 2, problems: [], outcome: 'installed', reason: null }]);
    const records = await f.running.fleet?.intake.records();
    expect(records?.get('canteen-2')?.map((r) => r.seq)).toEqual([0, 1]);
  });
});
