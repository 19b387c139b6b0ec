import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConsoleClient, REPO_ROOT, accountClient, startConsoleFixture, type ConsoleFixture } from '../helpers/console-client';

/** "Import official list" in the console: the same code as `kiosk import-list`, behind the editor role. */
const fixture = (name: string): Buffer => readFileSync(join(REPO_ROOT, 'tests/fixtures/official-lists', name));
const body = (format: string, name: string, bytes: Uint8Array) => ({ format, name, base64: Buffer.from(bytes).toString('base64') });

let f: ConsoleFixture;
let editor: ConsoleClient;
let publisher: ConsoleClient;

beforeAll(async () => {
  f = await startConsoleFixture();
  editor = await accountClient(f, 'ed', ['editor']);
  publisher = await accountClient(f, 'pub', ['publisher']);
}, 60_000);
afterAll(async () => f?.close());

/** What the library holds: every id with its revision, so any change shows. */
async function library(): Promise<string[]> {
  const list = await f.admin.call('listItems');
  return list.data.items.map((i) => `${i.id}@${JSON.stringify(i)}`).sort();
}

describe('the console imports official lists', { timeout: 60_000 }, () => {
  it.each([
    ['tw-165-sites', 'tw-165-sites.csv', 5, 'list-tw-165-sites-2026-11-30-1', 'www[.]starriver-invest[.]com', '165'],
    ['hkma-websites', 'hkma-websites.csv', 3, 'list-hkma-websites-2026-11-28-1', 'examp1e-bank-hk[.]com', '香港金融管理局'],
    ['generic-csv', 'generic.csv', 2, 'list-generic-csv-2026-12-01-1', 'www[.]refund-help[.]shop', '2026-12-01'],
    ['tw-165-line-ids', 'tw-165-line-ids.csv', 4, 'list-tw-165-line-ids-2026-11-29-1', 'fast[.]loan', '165 反詐騙諮詢專線'],
    ['tw-165-scam-domains', 'tw-165-scam-domains.csv', 3, 'list-tw-165-scam-domains-2025-11-1', 'lucky-casino88[.]vip', '遭停止解析涉詐網站（2025-11）'],
  ])('%s: one draft slide, domains defanged, date and source on it', async (format, file, sites, id, shown, source) => {
    const reply = await editor.call('importList', { body: body(format, file, fixture(file)) });
    expect(reply.error).toBe('');
    expect(reply.data.sites).toBe(sites);
    expect(reply.data.created.map((c) => c.id)).toEqual([id]);
    const item = (await editor.call('getItem', { params: { id } })).data.entry;
    expect(item.workflow.status).toBe('draft');
    expect(item.workflow.updatedBy).toBe('ed');
    const text = item.item.kind === 'notice' ? item.item.text : '';
    expect(text).toContain(shown);
    expect(text).toContain(source);
    expect(text).not.toMatch(/https?:|\w\.(com|net|shop|loan|vip|top|xyz)\b/);
  });

  it('makes one draft per page of ten sites, and refuses the same list twice', async () => {
    const csv = `domain,reported\n${Array.from({ length: 25 }, (_, i) => `scam-${i}.example-shop.com,2026-10-0${(i % 9) + 1}`).join('\n')}\n`;
    const first = await editor.call('importList', { body: body('generic-csv', 'long.csv', new TextEncoder().encode(csv)) });
    expect(first.data.created.map((c) => c.id)).toEqual([1, 2, 3].map((p) => `list-generic-csv-2026-10-09-${p}`));
    expect(first.data.created[0]?.title).toBe('近期通报的诈骗网站（1/3）');
    const before = await library();
    const again = await editor.call('importList', { body: body('generic-csv', 'long.csv', new TextEncoder().encode(csv)) });
    expect(again.status).toBe(422);
    expect(again.error).toMatch(/^long\.csv: this list was imported already/);
    expect(await library()).toEqual(before);
  });

  const big5 = Buffer.concat([Buffer.from('domain,name\nfake-site.com,'), Buffer.from([0xac, 0x50, 0xaa, 0xe8]), Buffer.from('\n')]);
  const rows100k = new TextEncoder().encode(`domain\n${Array.from({ length: 100_000 }, (_, i) => `s${i}.com`).join('\n')}\n`);
  const formulas = 'domain,name\nok-site.com,fine\nfake-site.com,"=cmd|\' /C calc\'!A0"\n';
  it.each([
    ['formula injection (=cmd|…)', 'generic-csv', 'formula.csv', new Uint8Array(fixture('formula.csv')), /^formula\.csv: row 2, column 2 starts like a spreadsheet formula \("=cmd\|/],
    ['a formula further down', 'generic-csv', 'f.csv', new TextEncoder().encode(formulas), /^f\.csv: row 3, column 2 starts like a spreadsheet formula/],
    ['wrong columns', 'generic-csv', 'wrong-columns.csv', new Uint8Array(fixture('wrong-columns.csv')), /^wrong-columns\.csv: row 1: no "domain" column in the header \(found: site, comment\)/],
    ['Big5 with no declaration', 'tw-165-sites', 'big5.csv', new Uint8Array(fixture('big5.csv')), /^big5\.csv: row 1, column 1: the file is not UTF-8 text \(Big5 or GBK\?\)/],
    ['Big5 in one cell', 'generic-csv', 'b.csv', new Uint8Array(big5), /^b\.csv: row 2, column 2: the file is not UTF-8 text/],
    ['a UTF-8 BOM mid-file', 'generic-csv', 'bom-middle.csv', new Uint8Array(fixture('bom-middle.csv')), /^bom-middle\.csv: row 3, column 1: a byte-order mark \(U\+FEFF\) in the middle of the file/],
    ['100,000 rows', 'generic-csv', 'rows.csv', rows100k, /^rows\.csv: more than 20000 rows \(row 20003 is past the limit\)/],
    ['no site at all', 'generic-csv', 'empty.csv', new TextEncoder().encode('domain\n-\nnot a host\n'), /^empty\.csv: no valid site in the file \(2 rows skipped\)/],
  ])('refuses %s with a message naming what and where, and creates nothing', async (_, format, name, bytes, message) => {
    const before = await library();
    const reply = await editor.call('importList', { body: body(format, name, bytes) });
    expect(reply.status).toBe(422);
    expect(reply.error).toMatch(message);
    expect(await library()).toEqual(before);
  });

  it('refuses a signed-out request and an account without the editor role', async () => {
    const before = await library();
    const file = body('generic-csv', 'generic.csv', fixture('generic.csv'));
    const stranger = await new ConsoleClient(f.origin).call('importList', { body: file });
    expect(stranger.status).toBe(401);
    const pub = await publisher.call('importList', { body: file });
    expect(pub.status).toBe(403);
    expect(pub.error).toBe('this needs the editor role');
    expect(await library()).toEqual(before);
  });

  it('refuses a file over the console\'s size with a message that says where to go instead', async () => {
    const big = new Uint8Array(1_450_000).fill(0x61);
    const reply = await editor.call('importList', { body: body('generic-csv', 'big.csv', big) });
    expect(reply.status).toBe(422);
    expect(reply.error).toBe('big.csv: the file is 1.45 MB; the console takes up to 1.40 MB (split it, or use kiosk import-list)');
  });

  it('refuses a body that is not base64 or names no known format', async () => {
    expect((await editor.call('importList', { body: { format: 'generic-csv', name: 'x.csv', base64: 'not base64!' } })).status).toBe(400);
    expect((await editor.call('importList', { body: { format: 'excel', name: 'x.csv', base64: '' } })).status).toBe(400);
  });
});
