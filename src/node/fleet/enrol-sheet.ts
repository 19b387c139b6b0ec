import QRCode from 'qrcode';

export interface SheetToken {
  readonly enrol: string;
  readonly group: string;
  readonly expires: string;
}

const escape = (text: string): string => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The CSV `kiosk enrol` writes: a header row, then one token per line (values hold no comma or quote). */
export const tokensCsv = (tokens: readonly SheetToken[]): string =>
  ['enrol,group,expires', ...tokens.map((t) => `${t.enrol},${t.group},${t.expires}`)].join('\n') + '\n';

/**
 * A printable A4 sheet: one card per token with its QR code (drawn here, never fetched),
 * the group, the expiry and what to do with it. Self-contained HTML, no script.
 */
export async function tokensSheet(tokens: readonly SheetToken[], title: string): Promise<string> {
  const cards = await Promise.all(tokens.map(async (t, i) => {
    const svg = await QRCode.toString(t.enrol, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
    return `<section class="card" data-token="${i + 1}">${svg}<p><b>#${i + 1}</b> · group <b>${escape(t.group)}</b></p><p>valid until ${escape(t.expires.slice(0, 10))}</p></section>`;
  }));
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escape(title)}</title>
<style>
body{font:12pt system-ui,sans-serif;margin:10mm}
.grid{display:grid;grid-template-columns:repeat(3,1fr);gap:6mm}
.card{border:1px dashed #888;padding:4mm;text-align:center;break-inside:avoid}
.card svg{width:45mm;height:45mm}
.card p{margin:1mm 0}
</style></head><body>
<h1>${escape(title)}</h1>
<p>Each code joins one screen, once. Scan it at the screen (or give its "enrol" value from the CSV to <code>kiosk serve --enrol</code>). Keep this sheet safe: anyone holding a code can join a screen until it is used or expires.</p>
<div class="grid">
${cards.join('\n')}
</div></body></html>
`;
}
