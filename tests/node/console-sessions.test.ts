import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startConsole, type RunningConsole } from '../../src/app/console';
import { SESSION_IDLE_MS, SESSION_MAX_MS, sessionState } from '../../src/core/console/session-record';
import { ConsoleClient, PASSWORD, REPO_ROOT } from '../helpers/console-client';

let dataDir = '';
let running: RunningConsole | undefined;
const lines: string[] = [];
let clock = Date.parse('2026-03-02T08:00:00Z');
const now = (): Date => new Date(clock);

const start = async (): Promise<string> => {
  running = await startConsole({ appRoot: REPO_ROOT, dataDir, port: 0, fleet: false, now, log: (l) => lines.push(l) });
  return new URL(running.url).origin;
};
const restart = async (): Promise<string> => {
  await running?.close();
  return start();
};
/** A client carrying another's cookie and CSRF token: the same browser after the console came back. */
const sameBrowser = (origin: string, from: ConsoleClient): ConsoleClient =>
  Object.assign(new ConsoleClient(origin), { cookie: from.cookie, csrf: from.csrf });

async function freshConsole(): Promise<{ origin: string; admin: ConsoleClient }> {
  dataDir = await mkdtemp(join(tmpdir(), 'console-sessions-'));
  const origin = await start();
  const admin = new ConsoleClient(origin);
  const token = new URL(running!.setupUrl ?? '').searchParams.get('token') ?? '';
  expect((await admin.call('setup', { body: { token, username: 'admin', password: PASSWORD } })).status).toBe(200);
  return { origin, admin };
}

afterEach(async () => {
  await running?.close();
  running = undefined;
  lines.length = 0;
  await rm(dataDir, { recursive: true, force: true });
});

describe('console sessions', { timeout: 60_000 }, () => {
  it('survive a console restart, and the file holds no cookie token', async () => {
    const { admin } = await freshConsole();
    const origin = await restart();
    const back = sameBrowser(origin, admin);
    expect((await back.call('session')).data.account?.username).toBe('admin');
    // A write (CSRF checked) works with the token the page already holds.
    expect((await back.call('createAccount', { body: { username: 'ed', password: PASSWORD, roles: ['editor'] } })).status).toBe(200);
    const stored = await readFile(join(dataDir, 'sessions.json'), 'utf8');
    expect(stored).not.toContain(admin.cookie.split('=')[1]!);
    expect(stored).not.toContain(admin.csrf);
  });

  it('end after 8 idle hours, and 7 days after sign-in however busy', async () => {
    const { origin, admin } = await freshConsole();
    clock += SESSION_IDLE_MS - 60_000;
    expect((await admin.call('session')).data.account?.username).toBe('admin');
    clock += SESSION_IDLE_MS - 60_000;
    expect((await admin.call('session')).data.account?.username, 'each request restarts the idle time').toBe('admin');
    clock += SESSION_IDLE_MS;
    expect((await admin.call('listAccounts')).status).toBe(401);

    const busy = new ConsoleClient(origin);
    await busy.login('admin', PASSWORD);
    const signedIn = clock;
    while (clock + 6 * 3600_000 < signedIn + SESSION_MAX_MS) {
      clock += 6 * 3600_000;
      expect((await busy.call('listAccounts')).status).toBe(200);
    }
    clock = signedIn + SESSION_MAX_MS;
    expect((await busy.call('listAccounts')).status).toBe(401);
    // Expired sessions are not kept across a restart either.
    const again = sameBrowser(await restart(), busy);
    expect((await again.call('session')).data.account).toBeNull();
  });

  it('"sign out everywhere" ends every session of the account; others need the admin role', async () => {
    const { origin, admin } = await freshConsole();
    expect((await admin.call('createAccount', { body: { username: 'ed', password: PASSWORD, roles: ['editor'] } })).status).toBe(200);
    const [laptop, phone, ed] = [new ConsoleClient(origin), new ConsoleClient(origin), new ConsoleClient(origin)];
    await laptop.login('ed', PASSWORD);
    await phone.login('ed', PASSWORD);
    await ed.login('ed', PASSWORD);
    const refused = await ed.call('revokeSessions', { body: { username: 'admin' } });
    expect(refused.status).toBe(403);
    expect((await admin.call('session')).data.account?.username).toBe('admin');

    const done = await ed.call('revokeSessions', { body: {} });
    expect(done.data.revoked).toBe(3);
    for (const c of [laptop, phone, ed]) expect((await c.call('session')).data.account).toBeNull();
    // And it holds across a restart: the revocation was written before the reply.
    const origin2 = await restart();
    expect((await sameBrowser(origin2, laptop).call('session')).data.account).toBeNull();

    const admin2 = sameBrowser(origin2, admin);
    expect((await admin2.call('session')).data.account?.username).toBe('admin');
    const tablet = new ConsoleClient(origin2);
    await tablet.login('ed', PASSWORD);
    expect((await admin2.call('revokeSessions', { body: { username: 'ed' } })).data.revoked).toBe(1);
    expect((await tablet.call('session')).data.account).toBeNull();
    expect((await admin2.call('session')).data.account?.username, 'the admin stays signed in').toBe('admin');
  });

  it('a corrupt sessions.json is moved aside with a message; the console starts and people sign in again', async () => {
    const { admin } = await freshConsole();
    await running!.close();
    running = undefined;
    await writeFile(join(dataDir, 'sessions.json'), '{"version":1,"sessions":[{"tokenHash":"nope"');
    const origin = await start();
    expect(lines.join('\n')).toMatch(/sessions: .*sessions\.json could not be read: not JSON.*Moved it to .*sessions\.json\.corrupt-\d+; everyone signs in again/);
    expect((await readdir(dataDir)).filter((n) => n.startsWith('sessions.json.corrupt-'))).toHaveLength(1);
    expect((await sameBrowser(origin, admin).call('session')).data.account).toBeNull();
    const again = new ConsoleClient(origin);
    await again.login('admin', PASSWORD);
    expect((await again.call('listAccounts')).status).toBe(200);
  });
});

describe('session expiry decisions (core)', () => {
  const record = { tokenHash: 'a'.repeat(64), username: 'admin', createdAt: 0, lastSeenAt: 0 };
  it('idle first, absolute last', () => {
    expect(sessionState(record, SESSION_IDLE_MS - 1)).toBe('live');
    expect(sessionState(record, SESSION_IDLE_MS)).toBe('idle-expired');
    expect(sessionState({ ...record, lastSeenAt: SESSION_MAX_MS - 1 }, SESSION_MAX_MS - 1)).toBe('live');
    expect(sessionState({ ...record, lastSeenAt: SESSION_MAX_MS - 1 }, SESSION_MAX_MS)).toBe('absolute-expired');
  });
});
