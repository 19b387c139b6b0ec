import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main';
import { CORPUS } from '../helpers/corpus';

const SAMPLE = join(__dirname, '../fixtures/feeds/sample.rss');
let dir: string;

async function kiosk(...args: string[]): Promise<{ code: number | undefined; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { out: (l) => out.push(l), err: (l) => err.push(l), cwd: dir, env: {} });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'feed-cli-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('kiosk feed check', () => {
  it('shows what would be shown and what would be quarantined, and why', async () => {
    const r = await kiosk('feed', 'check', SAMPLE);
    expect(r.code).toBe(0);
    expect(r.out).toContain('verdict: OK WITH QUARANTINE (rss, charset utf-8)');
    expect(r.out).toContain('show  slogan "未知链接不点击、个人信息不透露、境外来电不轻信、转账汇款多核实"');
    expect(r.out).toMatch(/show {2}case {3}"冒充客服退款，张女士被骗3\.5万元 \/ 张女士接到自称网购客服的电话/);
    expect(r.out).toMatch(/QUARANTINE feed-[0-9a-f]+: blocked term "online live casino"/);
    expect(r.out).toMatch(/QUARANTINE feed-[0-9a-f]+: phone number "400-800-1234" is not on allowedPhones/);
  });

  it('--json gives the same as data', async () => {
    const r = await kiosk('feed', 'check', SAMPLE, '--json');
    const [report] = JSON.parse(r.out) as [{ verdict: string; shown: { kind: string }[]; quarantined: unknown[] }];
    expect(report.verdict).toBe('warnings');
    expect(report.shown.map((s) => s.kind)).toEqual(['slogan', 'case']);
    expect(report.quarantined).toHaveLength(2);
  });

  it('gives a verdict for every file of the corpus without crashing or hanging', { timeout: 120_000 }, async () => {
    const r = await kiosk('feed', 'check', CORPUS);
    expect(r.code).toBe(1);
    const verdicts = r.out.match(/^ {3}verdict: /gm) ?? [];
    const targets = r.out.match(/^== /gm) ?? [];
    expect(verdicts.length).toBe(targets.length);
    expect(r.out).toMatch(new RegExp(`\\n${targets.length} feed\\(s\\): \\d+ usable, \\d+ rejected$`));
    expect(r.out).not.toMatch(/^ {3}show .*<(script|iframe|img)\b/im);
  });

  it('a file that is not a feed is rejected with the reason', async () => {
    await writeFile(join(dir, 'page.xml'), '<!DOCTYPE html><html><body>Login</body></html>');
    const r = await kiosk('feed', 'check', join(dir, 'page.xml'));
    expect(r.code).toBe(1);
    expect(r.out).toContain('verdict: REJECTED');
    expect(r.out).toContain('reason: received an HTML page, not a feed');
  });
});

describe('kiosk keygen and kiosk sign', () => {
  it('a publisher signs with this project alone; a kiosk with the key accepts it and refuses tampering', async () => {
    const gen = await kiosk('keygen', '--out', dir);
    expect(gen.code).toBe(0);
    const publicKey = /"publicKey": "([^"]+)"/.exec(gen.out)?.[1] ?? '';
    expect(publicKey.length).toBeGreaterThan(40);
    expect((await kiosk('keygen', '--out', dir)).code).toBe(1);

    const feed = join(dir, 'feed.rss');
    await copyFile(SAMPLE, feed);
    const signed = await kiosk('sign', feed, '--key', join(dir, 'feed-signing.key'));
    expect(signed.code).toBe(0);
    expect((await readFile(`${feed}.sig`, 'utf8')).trim()).toMatch(/^[A-Za-z0-9+/]{86}==$/);

    await writeFile(join(dir, 'config.json'), JSON.stringify({ feeds: { publicKey } }));
    const ok = await kiosk('feed', 'check', feed, '--config', join(dir, 'config.json'));
    expect(ok.out).toContain('signature valid');

    await writeFile(feed, (await readFile(feed, 'utf8')).replace('转账汇款多核实', '转账汇款不用核实'));
    const bad = await kiosk('feed', 'check', feed, '--config', join(dir, 'config.json'));
    expect(bad.code).toBe(1);
    expect(bad.out).toContain('reason: bad signature');
  });

  it('a manifest becomes a signed envelope', async () => {
    const manifest = join(dir, 'manifest.json');
    await writeFile(manifest, JSON.stringify({ version: 1, expires: '2099-01-01T00:00:00Z', items: [{ key: 'a', kind: 'slogan', title: '转账前先核实' }] }));
    const r = await kiosk('sign', manifest, '--key', join(dir, 'feed-signing.key'));
    expect(r.code).toBe(0);
    const envelope = JSON.parse(await readFile(join(dir, 'manifest.signed.json'), 'utf8')) as { format: string };
    expect(envelope.format).toBe('kiosk-signed-manifest/1');
  });
});
