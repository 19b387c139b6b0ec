/** Generated feeds for the ingest bench: realistic slogans, categories and dates, all fresh. */
const LINES = [
  '未知链接不点击，个人信息不透露',
  '境外来电不轻信，转账汇款多核实',
  '自称公检法要你转账的，都是骗子',
  'Unknown links: do not click them; call 96110 if in doubt',
  '刷单返利都是诈骗，先交钱的兼职不要做',
  'No real police officer asks you to move money to a "safe account"',
] as const;

const escapeXml = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function itemText(i: number): { title: string; body: string } {
  const line = LINES[i % LINES.length] ?? '';
  return { title: `${line}（${i + 1}）`, body: `${line}。第 ${i + 1} 条提醒：如有疑问请拨打 96110。` };
}

export function rssFeed(count: number, now: Date): string {
  const items: string[] = [];
  for (let i = 0; i < count; i++) {
    const { title, body } = itemText(i);
    const date = new Date(now.getTime() - i * 60_000).toUTCString();
    items.push(
      `<item><title>${escapeXml(title)}</title><description>${escapeXml(body)}</description>` +
        `<category>slogan</category><guid isPermaLink="false">bench-${i}</guid><pubDate>${date}</pubDate></item>`,
    );
  }
  return `<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel><title>反诈提醒</title>` +
    `<link>https://example.org/</link><description>bench</description><language>zh-CN</language>${items.join('')}</channel></rss>\n`;
}

export function atomFeed(count: number, now: Date): string {
  const entries: string[] = [];
  for (let i = 0; i < count; i++) {
    const { title, body } = itemText(i);
    const date = new Date(now.getTime() - i * 60_000).toISOString();
    entries.push(
      `<entry><title>${escapeXml(title)}</title><id>urn:bench:${i}</id><updated>${date}</updated>` +
        `<category term="slogan"/><summary>${escapeXml(body)}</summary></entry>`,
    );
  }
  return `<?xml version="1.0" encoding="UTF-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="zh-CN">` +
    `<title>反诈提醒</title><id>urn:bench</id><updated>${now.toISOString()}</updated>${entries.join('')}</feed>\n`;
}
