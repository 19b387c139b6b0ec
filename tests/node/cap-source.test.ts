import { createServer, type Server } from 'node:http';
import { mkdtemp } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FeedSettings } from '../../src/core/model/feed-config';
import { createFeedSync, type FeedSync } from '../../src/node/sync/feed-sync';

const SENDER = 'cbs@ncdr.nat.gov.tw';
let now = new Date('2026-12-01T09:00:00+08:00');

interface Msg { id: string; sent: string; msgType?: string; status?: string; refs?: string[]; zh: string; en?: string; expires?: string }

function cap(m: Msg): string {
  const info = (lang: string, text: string): string => `<cap:info><cap:language>${lang}</cap:language><cap:event>詐騙</cap:event><cap:urgency>Immediate</cap:urgency><cap:severity>Severe</cap:severity><cap:certainty>Observed</cap:certainty>${m.expires ? `<cap:expires>${m.expires}</cap:expires>` : ''}<cap:headline>${text}</cap:headline></cap:info>`;
  return `<cap:alert xmlns:cap="urn:oasis:names:tc:emergency:cap:1.2"><cap:identifier>${m.id}</cap:identifier><cap:sender>${SENDER}</cap:sender><cap:sent>${m.sent}</cap:sent><cap:status>${m.status ?? 'Actual'}</cap:status><cap:msgType>${m.msgType ?? 'Alert'}</cap:msgType><cap:scope>Public</cap:scope>${m.refs ? `<cap:references>${m.refs.map((r) => `${SENDER},${r},2026-12-01T08:00:00+08:00`).join(' ')}</cap:references>` : ''}${info('zh-TW', m.zh)}${m.en ? info('en-US', m.en) : ''}</cap:alert>`;
}
const atom = (entries: string[]): string => `<?xml version="1.0" encoding="UTF-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>CAP</title>${entries.join('')}</feed>`;
const embedded = (m: Msg): string => `<entry><id>${m.id}</id><title>t</title><content type="text/xml">${cap(m)}</content></entry>`;

describe('a CAP source in the feed pipeline', () => {
  let server: Server;
  let origin: string;
  let body = '';
  const files = new Map<string, string>();
  let dataDir: string;
  const open = (): Promise<FeedSync> => createFeedSync({
    settings: FeedSettings.parse({ sources: [{ url: `${origin}/cap.xml`, type: 'cap', allowHttp: true }], privateHosts: ['127.0.0.1'] }),
    dataDir, now: () => now, log: () => undefined, locales: () => ['zh-TW', 'en'],
  });
  const texts = (sync: FeedSync): string[] => sync.alerts().map((a) => a.text).sort();

  beforeAll(async () => {
    server = createServer((req, res) => {
      const text = req.url === '/cap.xml' ? body : files.get(req.url ?? '');
      if (text === undefined) return void res.writeHead(404).end();
      res.writeHead(200, { 'content-type': 'application/xml; charset=utf-8' }).end(text);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    dataDir = await mkdtemp(join(tmpdir(), 'cap-source-'));
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('shows Actual alerts in the screen language, embedded or linked, never a Test', async () => {
    files.set('/msg/x1.cap', cap({ id: 'X1', sent: '2026-12-01T08:05:00+08:00', zh: '假冒檢警電話增加' }));
    body = atom([
      embedded({ id: 'A1', sent: '2026-12-01T08:00:00+08:00', zh: '第一版：解除分期付款是詐騙', en: 'First: cancelling instalments is a scam' }),
      embedded({ id: 'T1', sent: '2026-12-01T08:01:00+08:00', status: 'Test', zh: '測試訊息' }),
      `<entry><id>x1</id><title>t</title><link rel="alternate" type="application/cap+xml" href="${origin}/msg/x1.cap"/></entry>`,
    ]);
    const sync = await open();
    const status = await sync.syncNow();
    expect(status.lastError).toBeNull();
    expect(texts(sync)).toEqual(['假冒檢警電話增加', '第一版：解除分期付款是詐騙']);
    await sync.stop();
  });

  it('replaces an alert on Update and removes it on Cancel, across polls and a restart, whatever the order', async () => {
    const sync = await open();
    body = atom([embedded({ id: 'U2', sent: '2026-12-01T08:10:00+08:00', msgType: 'Update', refs: ['A1'], zh: '第二版：勿依指示操作ATM' })]);
    await sync.syncNow();
    expect(texts(sync)).toEqual(['假冒檢警電話增加', '第二版：勿依指示操作ATM']);
    await sync.stop();
    // A restart keeps what the CAP source said, so a late original cannot come back.
    const restarted = await open();
    expect(texts(restarted)).toEqual(['假冒檢警電話增加', '第二版：勿依指示操作ATM']);
    body = atom([
      embedded({ id: 'C3', sent: '2026-12-01T08:20:00+08:00', msgType: 'Cancel', refs: ['A1', 'U2'], zh: '解除' }),
      embedded({ id: 'A1', sent: '2026-12-01T08:00:00+08:00', zh: '第一版：解除分期付款是詐騙' }),
    ]);
    await restarted.syncNow();
    expect(texts(restarted)).toEqual(['假冒檢警電話增加']);
    await restarted.stop();
  });

  it('puts CAP text through the content policy and refuses entities, keeping the last good alerts', async () => {
    const sync = await open();
    body = atom([embedded({ id: 'S1', sent: '2026-12-01T08:30:00+08:00', zh: '中獎請撥 0912-345-678 領取' })]);
    const status = await sync.syncNow();
    expect(texts(sync)).toEqual(['假冒檢警電話增加']);
    expect(status.quarantined.map((q) => q.reason).join(' ')).toMatch(/0912-345-678/);
    body = `<?xml version="1.0"?><!DOCTYPE feed [<!ENTITY x "y">]><feed xmlns="http://www.w3.org/2005/Atom">&x;</feed>`;
    const refused = await sync.syncNow();
    expect(refused.lastError).toMatch(/entities/);
    expect(texts(sync)).toEqual(['假冒檢警電話增加']);
    await sync.stop();
  });

  it('drops an alert at its expiry', async () => {
    const sync = await open();
    body = atom([]);
    now = new Date(now.getTime() + 7 * 3_600_000);
    await sync.syncNow();
    expect(texts(sync)).toEqual([]);
    await sync.stop();
  });
});
