import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { call, onSessionLost, setCsrf } from '../../src/console-ui/api/client';
import { uploadFile, type UploadProgress } from '../../src/console-ui/upload';

interface Seen {
  readonly method: string;
  readonly url: string;
  readonly headers: Headers;
  readonly body: unknown;
}

const json = (status: number, body: unknown): Response =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

let seen: Seen[];
let reply: (req: Seen) => Response;

beforeEach(() => {
  seen = [];
  vi.stubGlobal('fetch', async (url: string, init: RequestInit = {}) => {
    const req = { method: init.method ?? 'GET', url, headers: new Headers(init.headers), body: init.body };
    seen.push(req);
    return reply(req);
  });
  const store = new Map<string, string>();
  vi.stubGlobal('window', {
    localStorage: {
      getItem: (k: string) => store.get(k) ?? null,
      setItem: (k: string, v: string) => void store.set(k, v),
      removeItem: (k: string) => void store.delete(k),
    },
  });
});
afterEach(() => {
  vi.unstubAllGlobals();
});

const account = { username: 'ed', roles: ['editor'], disabled: false, createdAt: '2026-11-29T08:00:00Z' };

describe('console client', () => {
  it('sends the CSRF token on writes only, and checks replies against the contract', async () => {
    setCsrf('tok-123');
    reply = () => json(200, { account, csrf: 'tok-123', setupNeeded: false });
    const session = await call('session');
    expect(session.ok && session.value.account?.username).toBe('ed');
    reply = () => json(200, { ok: true });
    await call('logout');
    expect(seen[0]?.headers.get('x-csrf-token')).toBeNull();
    expect(seen[1]?.method).toBe('POST');
    expect(seen[1]?.headers.get('x-csrf-token')).toBe('tok-123');
    expect(seen.map((s) => s.url)).toEqual(['/console/api/session', '/console/api/logout']);
  });

  it('names a stale save a conflict and keeps the per-item reasons of a refusal', async () => {
    reply = () => json(409, { ok: false, error: 'item changed since rev 3' });
    const stale = await call('saveItem', { params: { id: 'a b' }, body: { item: { kind: 'slogan', id: 'a', locale: 'en', text: 'x' }, targeting: { audience: [], regions: [], validity: { type: 'always' }, pins: [] }, rev: 3 } });
    expect(stale).toEqual({ ok: false, error: { kind: 'conflict', status: 409, message: 'item changed since rev 3', reasons: [] } });
    expect(seen[0]?.url).toBe('/console/api/items/a%20b');
    reply = () => json(422, { ok: false, error: 'publishing refused', reasons: [{ id: 's1', reason: 'phone number 13800138000 is not in allowedPhones' }] });
    const refused = await call('publish');
    expect(!refused.ok && refused.error.reasons).toEqual([{ id: 's1', reason: 'phone number 13800138000 is not in allowedPhones' }]);
  });

  it('signs the user out on 401 and refuses a reply the contract does not describe', async () => {
    const lost = vi.fn();
    onSessionLost(lost);
    reply = () => json(401, { ok: false, error: 'sign in first' });
    expect((await call('listGroups')).ok).toBe(false);
    expect(lost).toHaveBeenCalledOnce();
    reply = () => json(200, { items: 'not a list' });
    const odd = await call('listItems', { query: {} });
    expect(!odd.ok && odd.error.kind).toBe('server');
  });
});

describe('resumable upload', () => {
  const BYTES = 10_000;
  const CHUNK = 4_000;
  const file = new File([new Uint8Array(BYTES).fill(7)], 'warning.webm', { type: 'video/webm', lastModified: 1 });

  /** A server that stores chunks at their offset; until healed, the connection breaks after the first chunk. */
  function server(): { stored: () => number; heal: () => void } {
    let received = 0;
    let broken = true;
    const state = () => json(200, { id: 'up1', bytes: BYTES, received, chunkBytes: CHUNK, maxBytes: 1e9 });
    reply = (req) => {
      if (req.method === 'POST' && req.url.endsWith('/uploads')) return state();
      if (req.method === 'GET' && req.url.endsWith('/uploads/up1')) return state();
      if (req.method === 'PUT') {
        if (broken && received >= CHUNK) return json(503, { ok: false, error: 'connection lost' });
        const offset = Number(new URL(req.url, 'http://x').searchParams.get('offset'));
        if (offset !== received) return json(409, { ok: false, error: `expected offset ${received}` });
        received += (req.body as Blob).size;
        return state();
      }
      if (req.url.endsWith('/finish')) return json(200, { path: 'media/abc.webm', sha256: 'a'.repeat(64), bytes: BYTES, type: 'video/webm' });
      return json(404, { ok: false, error: 'no route' });
    };
    return { stored: () => received, heal: () => void (broken = false) };
  }

  it('reports bytes as they go, and after a break resumes from what the server holds', async () => {
    const remote = server();
    const reports: UploadProgress[] = [];
    const broken = await uploadFile(file, (p) => reports.push(p), () => 0);
    expect(broken.ok).toBe(false);
    expect(remote.stored()).toBe(CHUNK);
    expect(reports.map((r) => r.done)).toEqual([0, CHUNK]);

    // The same file again: the client asks where the upload stands instead of starting over.
    remote.heal();
    seen = [];
    const again: UploadProgress[] = [];
    const done = await uploadFile(file, (p) => again.push(p), () => 0);
    expect(done.ok && done.value.sha256).toBe('a'.repeat(64));
    expect(seen.map((r) => `${r.method} ${r.url}`)).toEqual([
      'GET /console/api/uploads/up1',
      `PUT /console/api/uploads/up1?offset=${CHUNK}`,
      `PUT /console/api/uploads/up1?offset=${2 * CHUNK}`,
      'POST /console/api/uploads/up1/finish',
    ]);
    expect(again.map((r) => r.done)).toEqual([CHUNK, 2 * CHUNK, BYTES]);
  });
});
