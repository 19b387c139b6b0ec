/**
 * A fast reader for the plain XML most feeds are: elements, attributes, text, CDATA, comments,
 * the five XML entities and character references. It builds exactly the tree xml2js (strict,
 * explicitArray, `_` for text, `$` for attributes) builds from the same text, so rss-parser's
 * own mapping reads it unchanged. Anything outside that subset (another named entity, a
 * processing instruction inside the document, a mismatched tag, odd names or attributes)
 * makes it answer `undefined`: the caller then runs xml2js, whose result or refusal stands.
 * It never refuses on its own, so every refusal stays the full parser's.
 */

type Tree = Record<string, unknown>;

interface Frame {
  readonly name: string;
  readonly obj: Tree;
  text: string;
  cdata: boolean;
}

const NAME = '[A-Za-z_][A-Za-z0-9_.:-]*';
const OPEN = new RegExp(`<(${NAME})((?:\\s+${NAME}\\s*=\\s*(?:"[^"<]*"|'[^'<]*'))*)\\s*(/?)>`, 'y');
const ATTR = new RegExp(`(${NAME})\\s*=\\s*(?:"([^"<]*)"|'([^'<]*)')`, 'g');
const CLOSE = new RegExp(`</(${NAME})\\s*>`, 'y');
const ENTITY = /&([^;&<]{0,12});|&/g;
const NAMED: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
/**
 * Names xml2js uses for its own keys, which an element of that name would collide with, and
 * the names of Object.prototype: the tree is made of plain objects (fast in V8; xml2js uses
 * prototype-less ones), so a document naming one goes to xml2js.
 */
const RESERVED = new Set(['_', '$', 'cdata', ...Object.getOwnPropertyNames(Object.prototype)]);
const tree = (): Tree => ({});

class Bail extends Error {}
const bail = (): never => {
  throw new Bail();
};

/** A code point the XML `Char` production allows (what sax accepts from a character reference). */
const xmlChar = (n: number): boolean =>
  n === 0x9 || n === 0xa || n === 0xd || (n >= 0x20 && n <= 0xd7ff) || (n >= 0xe000 && n <= 0xfffd) || (n >= 0x10000 && n <= 0x10ffff);

function entity(name: string): string {
  const named = NAMED[name];
  if (named !== undefined) return named;
  const m = /^#(?:[xX]([0-9a-fA-F]{1,8})|([0-9]{1,9}))$/.exec(name);
  if (!m) return bail();
  const n = m[1] !== undefined ? parseInt(m[1], 16) : Number(m[2]);
  return xmlChar(n) ? String.fromCodePoint(n) : bail();
}

function decode(raw: string): string {
  if (!raw.includes('&')) return raw;
  // An `&` with no `;` within reach is refused by sax in strict mode: bail.
  return raw.replace(ENTITY, (_all, name: string | undefined) => (name === undefined ? bail() : entity(name)));
}

function attributes(source: string): Tree | undefined {
  if (source.length === 0) return undefined;
  const attrs: Tree = tree();
  for (const m of source.matchAll(ATTR)) {
    const name = m[1] ?? '';
    if (name in attrs || RESERVED.has(name)) bail();
    attrs[name] = decode(m[2] ?? m[3] ?? '');
  }
  return attrs;
}

function push(parent: Tree, name: string, value: unknown): void {
  const existing = parent[name];
  if (existing === undefined) parent[name] = [value];
  else (existing as unknown[]).push(value);
}

/** What xml2js makes of a closed element: its text alone, an object, or the (blank) text. */
function finish(frame: Frame): unknown {
  const { obj, text, cdata } = frame;
  const keys = Object.keys(obj);
  if (!cdata && /^\s*$/.test(text)) return keys.length === 0 ? text : obj;
  if (keys.length === 0) return text;
  const withText: Tree = tree();
  withText._ = text;
  for (const k of keys) withText[k] = obj[k];
  return withText;
}

interface Cursor {
  readonly xml: string;
  pos: number;
  readonly stack: Frame[];
  root: Tree | undefined;
}

function addText(c: Cursor, raw: string, cdata: boolean): void {
  const top = c.stack[c.stack.length - 1];
  if (!top) {
    // Outside the root only blank text is well-formed.
    if (!/^\s*$/.test(raw)) bail();
    return;
  }
  top.text += cdata ? raw : decode(raw);
  if (cdata) top.cdata = true;
}

function openTag(c: Cursor): void {
  if (c.root !== undefined) bail(); // a second root element
  OPEN.lastIndex = c.pos;
  const m = OPEN.exec(c.xml) ?? bail();
  const name = m[1] ?? '';
  if (RESERVED.has(name)) bail();
  const obj: Tree = tree();
  const attrs = attributes(m[2] ?? '');
  if (attrs) obj.$ = attrs;
  c.pos = OPEN.lastIndex;
  const frame: Frame = { name, obj, text: '', cdata: false };
  if (m[3] === '/') closeFrame(c, frame);
  else c.stack.push(frame);
}

function closeFrame(c: Cursor, frame: Frame): void {
  const value = finish(frame);
  const parent = c.stack[c.stack.length - 1];
  if (parent) push(parent.obj, frame.name, value);
  else {
    const root: Tree = tree();
    root[frame.name] = value;
    c.root = root;
  }
}

function closeTag(c: Cursor): void {
  CLOSE.lastIndex = c.pos;
  const m = CLOSE.exec(c.xml) ?? bail();
  const frame = c.stack.pop() ?? bail();
  if (frame.name !== m[1]) bail();
  c.pos = CLOSE.lastIndex;
  closeFrame(c, frame);
}

/** `<!--…-->`, `<![CDATA[…]]>`, and `<?…?>` before the root; anything else starting `<!` or `<?` bails. */
function special(c: Cursor): void {
  const { xml, pos } = c;
  if (xml.startsWith('<!--', pos)) {
    const end = xml.indexOf('-->', pos + 4);
    if (end < 0 || xml.slice(pos + 4, end).includes('--')) bail();
    c.pos = end + 3;
  } else if (xml.startsWith('<![CDATA[', pos)) {
    const end = xml.indexOf(']]>', pos + 9);
    if (end < 0 || c.stack.length === 0) bail();
    addText(c, xml.slice(pos + 9, end), true);
    c.pos = end + 3;
  } else if (xml.startsWith('<?', pos) && c.root === undefined && c.stack.length === 0) {
    const end = xml.indexOf('?>', pos + 2);
    if (end < 0 || !/^<\?[A-Za-z_]/.test(xml.slice(pos, pos + 3))) bail();
    c.pos = end + 2;
  } else bail();
}

function step(c: Cursor): boolean {
  const lt = c.xml.indexOf('<', c.pos);
  if (lt < 0) {
    addText(c, c.xml.slice(c.pos), false);
    return false;
  }
  if (lt > c.pos) addText(c, c.xml.slice(c.pos, lt), false);
  c.pos = lt;
  const next = c.xml[lt + 1];
  if (next === '/') closeTag(c);
  else if (next === '!' || next === '?') special(c);
  else openTag(c);
  return true;
}

/** The xml2js tree of `xml`, or undefined when the text is outside this reader's subset. */
export function readXmlTree(xml: string): Tree | undefined {
  const c: Cursor = { xml, pos: 0, stack: [], root: undefined };
  try {
    while (step(c));
  } catch (error) {
    if (error instanceof Bail) return undefined;
    throw error;
  }
  return c.stack.length === 0 ? c.root : undefined;
}
