import { readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SESSION_HEADER } from '../../src/core/api/contract';
import type { BrowserPlayer } from '../../src/app/browser-player';
import { createKioskRuntime, type KioskRuntime } from '../../src/app/runtime';
import { makeAppRoot, sessionSecret, startTestPlayer } from '../helpers/guarded-player';
import { rawRequest } from '../helpers/http-raw';
import { makeTempPack, type TempPack } from '../helpers/temp-pack';

const opened: BrowserPlayer[] = [];
const runtimes: KioskRuntime[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((p) => p.close()));
  await Promise.all(runtimes.splice(0).map((r) => r.close()));
});

const PIN = '97531864';

async function packWithPin(pin: string): Promise<TempPack> {
  const pack = await makeTempPack();
  await writeFile(pack.config, JSON.stringify({ playlist: pack.playlist, operatorPin: pin }));
  return pack;
}

/** The Electron shell's view: requests through app://kiosk, a clock the test moves. */
async function kiosk(pack: TempPack, clock: { t: number }, exits: string[]) {
  const runtime = await createKioskRuntime({
    appRoot: await makeAppRoot(),
    configPath: pack.config,
    dataDir: pack.dataDir,
    now: () => new Date(clock.t),
    log: () => {},
    onExitRequest: () => exits.push('exit'),
  });
  runtimes.push(runtime);
  const page = await (await runtime.app.fetch(new Request('app://kiosk/'))).text();
  const secret = /<meta name="kiosk-session" content="([0-9a-f]+)"/.exec(page)?.[1] ?? '';
  return {
    runtime,
    async exit(pin: string): Promise<{ ok: boolean; error?: string; details?: { warnings: string[] } }> {
      const res = await runtime.app.fetch(
        new Request('app://kiosk/api/operator/exit', {
          method: 'POST',
          headers: { 'content-type': 'application/json', origin: 'app://kiosk', [SESSION_HEADER]: secret },
          body: JSON.stringify({ pin }),
        }),
      );
      expect(res.status).toBe(200);
      return (await res.json()) as { ok: boolean; error?: string };
    },
  };
}

describe('operator exit', () => {
  it('outside kiosk mode, a right and a wrong PIN get the same answer', async () => {
    const pack = await packWithPin(PIN);
    const p = await startTestPlayer(opened, { configPath: pack.config, dataDir: pack.dataDir });
    const secret = (await sessionSecret(p.url)) ?? '';
    const answer = async (pin: string) => {
      const res = await rawRequest(p.url + 'api/operator/exit', {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: p.url.replace(/\/$/, ''), [SESSION_HEADER]: secret },
        body: JSON.stringify({ pin }),
      });
      return { status: res.status, body: res.body };
    };
    const right = await answer(PIN);
    const wrong = await answer('12345678');
    expect(right).toEqual(wrong);
    expect(right.body).toContain('not in kiosk mode');
  });

  it('wrong PINs back off exponentially, and the lockout survives a restart', async () => {
    const pack = await packWithPin(PIN);
    const clock = { t: Date.parse('2026-11-29T08:00:00Z') };
    const exits: string[] = [];
    const first = await kiosk(pack, clock, exits);
    for (let i = 0; i < 6; i++) await first.exit('00000000');
    expect(await first.exit(PIN)).toMatchObject({ ok: false, error: expect.stringContaining('try again') });
    await first.runtime.close();
    runtimes.splice(runtimes.indexOf(first.runtime), 1);

    const second = await kiosk(pack, clock, exits);
    expect(await second.exit(PIN)).toMatchObject({ ok: false, error: expect.stringContaining('try again') });
    expect(exits).toEqual([]);
    clock.t += 60 * 60_000;
    expect(await second.exit(PIN)).toMatchObject({ ok: true });
    expect(exits).toEqual(['exit']);
  });

  it('keeps only a salted hash of the PIN, in a file only the owner can read', async () => {
    const pack = await packWithPin(PIN);
    await kiosk(pack, { t: 0 }, []);
    const file = join(pack.dataDir, 'operator-pin.json');
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    const text = await readFile(file, 'utf8');
    expect(text).not.toContain(PIN);
    expect(JSON.parse(text)).toMatchObject({ algorithm: 'scrypt', salt: expect.stringMatching(/^[0-9a-f]{32}$/) });
    const again = await packWithPin(PIN);
    await kiosk(again, { t: 0 }, []);
    expect(JSON.parse(await readFile(join(again.dataDir, 'operator-pin.json'), 'utf8')).hash).not.toBe(JSON.parse(text).hash);
  });

  it('refuses a PIN shorter than 6 digits, saying so, and the screen stays in kiosk mode', async () => {
    const pack = await packWithPin('2468');
    const exits: string[] = [];
    const k = await kiosk(pack, { t: 0 }, exits);
    expect(k.runtime.configErrors.join('\n')).toMatch(/operatorPin: .*at least 6 digits/);
    expect(await k.exit('2468')).toMatchObject({ ok: false });
    expect(exits).toEqual([]);
  });

  it('the right PIN shows the operator the warnings the public state hides', async () => {
    const pack = await packWithPin(PIN);
    await writeFile(pack.playlist, JSON.stringify({ name: 'Test', pack: ['pack.json', 'missing.json'], locales: ['zh-CN'], stage: [{ type: 'next-video' }] }));
    const k = await kiosk(pack, { t: 0 }, []);
    const state = await (await k.runtime.app.fetch(new Request('app://kiosk/api/state'))).json();
    expect(state.warnings).toEqual([]);
    const reply = await k.exit(PIN);
    expect(reply.details?.warnings.join('\n')).toContain('missing.json');
  });
});
