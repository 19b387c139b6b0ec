import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { parseFeedBytes } from '../../src/node/feed/parse-feed';
import { decodeFeed } from '../../src/node/feed/decode';
import { processFeedBytes } from '../../src/node/feed/pipeline';
import { policyConfig } from '../../src/core/policy/content-policy';
import { rss } from '../fixtures/feeds/server';

import { CORPUS } from '../helpers/corpus';
const now = new Date('2025-03-01T00:00:00Z');
const mapOptions = {
  sourceUrl: 'https://feed.example.org/rss', defaultKind: 'slogan' as const, sourceTags: [], maxAgeDays: 36500, maxItems: 100_000,
  policy: policyConfig({ blockedTerms: [], allowedPhones: [], allowedLinkHosts: [] }), now,
};
const noSig = { publicKey: undefined, detachedSignature: async () => ({ ok: false as const, error: 'none' }), lastVersion: undefined };
const process = (bytes: Uint8Array, contentType?: string) => processFeedBytes(bytes, contentType, noSig, mapOptions);

const CHINESE = rss([{ guid: '1', title: '个人信息不透露，转账汇款多核实' }], '', 'GBK');
const TRADITIONAL = rss([{ guid: '1', title: '個人資訊不透露，轉帳匯款多核實' }], '', 'Big5');

async function titles(bytes: Uint8Array, contentType?: string): Promise<string[]> {
  const result = await process(bytes, contentType);
  if (!result.ok) throw new Error(result.error);
  return result.value.mapped.entries.map((e) => (e.item.kind === 'slogan' ? e.item.text : ''));
}

describe('decoding', () => {
  it('GBK, GB2312, GB18030 and Big5 from the XML prolog', async () => {
    expect(await titles(iconv.encode(CHINESE, 'gbk'))).toEqual(['个人信息不透露，转账汇款多核实']);
    expect(await titles(iconv.encode(CHINESE.replace('GBK', 'gb2312'), 'gb2312'))).toEqual(['个人信息不透露，转账汇款多核实']);
    expect(await titles(iconv.encode(CHINESE.replace('GBK', 'GB18030'), 'gb18030'))).toEqual(['个人信息不透露，转账汇款多核实']);
    expect(await titles(iconv.encode(TRADITIONAL, 'big5'))).toEqual(['個人資訊不透露，轉帳匯款多核實']);
  });

  it('the HTTP header charset wins over the prolog', async () => {
    const body = iconv.encode(CHINESE.replace('encoding="GBK"', 'encoding="ISO-8859-1"'), 'gbk');
    expect(await titles(body, 'application/rss+xml; charset=GBK')).toEqual(['个人信息不透露，转账汇款多核实']);
  });

  it('a wrong declared charset is detected: header says UTF-8, bytes are GBK or Big5', async () => {
    expect(await titles(iconv.encode(CHINESE, 'gbk'), 'text/xml; charset=utf-8')).toEqual(['个人信息不透露，转账汇款多核实']);
    const undeclared = TRADITIONAL.replace(' encoding="Big5"', '');
    expect(await titles(iconv.encode(undeclared, 'big5'), 'text/xml; charset=utf-8')).toEqual(['個人資訊不透露，轉帳匯款多核實']);
  });

  it('UTF-16 LE/BE with and without BOM, and UTF-8 with BOM', async () => {
    const doc = CHINESE.replace('GBK', 'UTF-16');
    const bom = Buffer.from([0xff, 0xfe]);
    expect(await titles(Buffer.concat([bom, iconv.encode(doc, 'utf-16le')]))).toEqual(['个人信息不透露，转账汇款多核实']);
    expect(await titles(iconv.encode(doc, 'utf-16le'))).toEqual(['个人信息不透露，转账汇款多核实']);
    expect(await titles(iconv.encode(doc, 'utf-16be'))).toEqual(['个人信息不透露，转账汇款多核实']);
    const utf8 = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(CHINESE.replace('GBK', 'utf-8'))]);
    expect(await titles(utf8, 'text/xml; charset=gbk')).toEqual(['个人信息不透露，转账汇款多核实']);
  });

  it('corpus encodings decode: BOM and wide files, Big5 and GB2312 are recognised', async () => {
    const expected: Record<string, string> = {
      'utf-16le-bom.xml': 'utf-16le', 'utf-16be-bom.xml': 'utf-16be', 'utf-16le-autodetect.xml': 'utf-16le',
      'utf-16be-autodetect.xml': 'utf-16be', 'utf-32be-bom.xml': 'utf-32be', 'utf-32le-bom.xml': 'utf-32le',
      'utf-8-bom.xml': 'utf-8', 'big5.xml': 'big5',
    };
    for (const [name, charset] of Object.entries(expected)) {
      const decoded = decodeFeed(readFileSync(join(CORPUS, 'feedparser/tests/encoding', name)), undefined);
      expect(decoded.charset, name).toBe(charset);
      expect(decoded.text, name).toMatch(/^<\?xml[\s\S]*<rss>\s*<\/rss>\s*$/);
    }
    const gb = await parseFeedBytes(readFileSync(join(CORPUS, 'feedparser/tests/encoding/http_application_atom_xml_gb2312_charset.xml')), 'application/atom+xml; charset=gb2312');
    expect(gb.ok && gb.value.charset).toBe('gb18030');
  });
});

describe('hostile documents', () => {
  it('XSS payloads in every field and in enclosure URLs come out as plain text, no markup', async () => {
    const x = `<script>alert(1)</script><img src=x onerror=alert(2)><a href="javascript:alert(3)">链接</a>&lt;iframe src=//evil&gt;反诈`;
    const doc = rss([
      { guid: 'a', title: x, description: x, categories: ['<b>notice</b>', x] },
      { guid: 'b', title: x, categories: ['video'], enclosure: { url: 'javascript:alert(1)', type: 'video/webm' } },
    ]);
    const result = await process(Buffer.from(doc));
    if (!result.ok) throw new Error(result.error);
    const json = JSON.stringify(result.value.mapped.entries.map((e) => e.item));
    expect(json).not.toMatch(/[<>]|onerror|javascript|alert\(/i);
    expect(result.value.mapped.entries.length).toBeGreaterThan(0);
  });

  it('every sanitize sample of the corpus yields only plain text', async () => {
    const dir = join(CORPUS, 'feedparser/tests/wellformed/sanitize');
    for (const name of readdirSync(dir)) {
      const result = await process(readFileSync(join(dir, name)));
      if (!result.ok) continue;
      for (const entry of result.value.mapped.entries) {
        expect(JSON.stringify(entry.item), name).not.toMatch(/<\s*\/?\s*(script|iframe|img|object|embed|style|a|applet|meta|link|frame)\b/i);
      }
    }
  });

  it('refuses entity expansion (billion laughs) and external entities', async () => {
    const laughs = `<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]><rss version="2.0"><channel><item><title>&lol3;</title></item></channel></rss>`;
    const xxe = `<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><rss version="2.0"><channel><item><title>&xxe;</title></item></channel></rss>`;
    for (const doc of [laughs, xxe]) {
      expect(await process(Buffer.from(doc))).toEqual({ ok: false, error: expect.stringMatching(/entit|internal subset/) });
    }
    const corpusEntity = await process(readFileSync(join(CORPUS, 'feedparser/tests/wellformed/rdf/doctype_contains_entity_decl.xml')));
    expect(corpusEntity.ok).toBe(false);
  });

  it('an HTML page, truncated XML, an empty body and plain text are refused with a reason', async () => {
    expect(await process(Buffer.from('<!DOCTYPE html><html><body>Login to Wi-Fi</body></html>'))).toEqual({ ok: false, error: 'received an HTML page, not a feed' });
    expect(await process(Buffer.from(rss([{ title: 'x' }]).slice(0, 120)))).toEqual({ ok: false, error: expect.stringMatching(/not a readable/) });
    expect(await process(Buffer.alloc(0))).toEqual({ ok: false, error: 'the feed is empty' });
    expect(await process(Buffer.from('Service unavailable'))).toEqual({ ok: false, error: expect.stringMatching(/not a feed/) });
  });

  it('parses a 20,000-item feed', async () => {
    const items = Array.from({ length: 20_000 }, (_, i) => ({ guid: `g${i}`, title: `防骗标语 第${i}条：转账前先核实` }));
    // How long it takes is the bench's figure (feed section); here, that every item arrives.
    const result = await process(Buffer.from(rss(items)));
    expect(result.ok && result.value.mapped.entries.length).toBe(20_000);
  });
});

describe('JSON Feed 1.1', () => {
  it('maps items, tags, attachments and the _kiosk extension', async () => {
    const doc = {
      version: 'https://jsonfeed.org/version/1.1', title: 'JSON 反诈', language: 'zh-CN',
      items: [
        { id: 1, title: '新型骗局预警', tags: ['预警'], _kiosk: { level: 'critical', expires: '2025-03-05T00:00:00Z' } },
        { id: '2', content_html: '<p>转账前 <b>先核实</b></p>', tags: ['slogan'] },
        { id: '3', title: 'v', tags: ['video'], attachments: [{ url: 'https://cdn.example.org/a.webm', mime_type: 'video/webm', _sha256: 'AB'.repeat(32) }] },
        { title: 'no id' },
      ],
    };
    const result = await process(Buffer.from(JSON.stringify(doc)), 'application/feed+json');
    if (!result.ok) throw new Error(result.error);
    expect(result.value.mapped.alerts).toEqual([expect.objectContaining({ kind: 'alert', text: '新型骗局预警', level: 'critical' })]);
    expect(result.value.mapped.entries.map((e) => e.item)).toEqual([
      expect.objectContaining({ kind: 'slogan', text: '转账前 先核实' }),
      expect.objectContaining({ kind: 'video', title: 'v' }),
    ]);
    expect(result.value.mapped.entries[1]?.media).toEqual([{ field: 'file', url: 'https://cdn.example.org/a.webm', sha256: 'ab'.repeat(32) }]);
    expect(result.value.mapped.quarantined).toEqual([expect.objectContaining({ reason: expect.stringContaining('unreadable item') })]);
  });
});

describe('the whole corpus', () => {
  const files = (dir: string): string[] =>
    readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? files(join(dir, n)) : [join(dir, n)]));

  it('every file is read without crashing or hanging, and nothing shown holds markup', async () => {
    const all = files(CORPUS);
    expect(all.length).toBeGreaterThan(150);
    let usable = 0;
    for (const file of all) {
      const result = await process(readFileSync(file));
      if (!result.ok) continue;
      usable++;
      for (const e of result.value.mapped.entries) expect(JSON.stringify(e.item), file).not.toMatch(/<\s*(script|iframe|img|a|b|p|div)\b/i);
    }
    expect(usable).toBeGreaterThan(40);
  });
});
