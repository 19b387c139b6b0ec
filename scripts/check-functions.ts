/**
 * `npm run check:functions`: lists the functions in src/ longer than ~40 lines of their own
 * (the lines of functions nested in them count for those, so a factory of short methods is
 * short). A long function
 * passes when a comment right above it gives the reason (a line starting `Long because`), or
 * when it is listed in PENDING with who splits it; any other one fails with exit code 1.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

export const MAX_LINES = 40;
const ROOT = resolve(fileURLToPath(import.meta.url), '../..');

/** Known long functions that another change splits; each entry names it and says why it waits. */
const PENDING: Readonly<Record<string, string>> = {
};

export interface LongFunction {
  readonly file: string;
  readonly name: string;
  readonly line: number;
  readonly lines: number;
  /** The reason given in a comment or in PENDING; undefined when none was given. */
  readonly reason: string | undefined;
}

function nameOf(node: ts.Node): string {
  if ((ts.isFunctionDeclaration(node) || ts.isMethodDeclaration(node)) && node.name) return node.name.getText();
  const parent = node.parent;
  if (parent && ts.isVariableDeclaration(parent)) return parent.name.getText();
  if (parent && ts.isPropertyAssignment(parent)) return parent.name.getText();
  if (parent && ts.isCallExpression(parent)) return `${nameOf(parent)}(callback)`;
  return '(anonymous)';
}

function reasonAbove(source: ts.SourceFile, node: ts.Node): string | undefined {
  const anchor = ts.isVariableDeclaration(node.parent) ? node.parent.parent.parent : node;
  const comments = ts.getLeadingCommentRanges(source.text, anchor.getFullStart()) ?? [];
  const text = comments.map((c) => source.text.slice(c.pos, c.end)).join('\n');
  return /Long because[^\n*]*/.exec(text)?.[0];
}

/** The functions of one source text longer than MAX_LINES. */
export function longFunctions(file: string, text: string): LongFunction[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const found: LongFunction[] = [];
  const span = (node: ts.Node): number =>
    source.getLineAndCharacterOfPosition(node.getEnd()).line - source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
  const visit = (node: ts.Node): void => {
    if (isFunctionWithBody(node)) {
      const start = source.getLineAndCharacterOfPosition(node.getStart(source)).line;
      const lines = span(node) - nestedFunctions(node).reduce((sum, inner) => sum + span(inner), 0);
      if (lines > MAX_LINES) {
        const name = nameOf(node);
        found.push({ file, name, line: start + 1, lines, reason: reasonAbove(source, node) ?? PENDING[`${file}#${name}`] });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

function isFunctionWithBody(node: ts.Node): boolean {
  return ts.isFunctionLike(node) && 'body' in node && node.body !== undefined;
}

/** The functions directly inside `node` (not those nested deeper, which count for their parent). */
function nestedFunctions(node: ts.Node): ts.Node[] {
  const inner: ts.Node[] = [];
  const walk = (child: ts.Node): void => {
    if (isFunctionWithBody(child)) inner.push(child);
    else ts.forEachChild(child, walk);
  };
  ts.forEachChild(node, walk);
  return inner;
}

export function scanSources(root = ROOT): LongFunction[] {
  const files = readdirSync(join(root, 'src'), { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.tsx?$/.test(f) && !f.endsWith('.d.ts'))
    .map((f) => relative(root, join(root, 'src', f)).split('\\').join('/'))
    .sort();
  return files.flatMap((file) => longFunctions(file, readFileSync(join(root, file), 'utf8')));
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const long = scanSources();
  for (const f of long) {
    process.stdout.write(`${f.reason ? 'ok  ' : 'LONG'} ${f.file}:${f.line} ${f.name} (${f.lines} lines)${f.reason ? ` — ${f.reason}` : ''}\n`);
  }
  const unexplained = long.filter((f) => !f.reason);
  process.stdout.write(`${long.length} functions over ${MAX_LINES} lines; ${unexplained.length} without a reason\n`);
  process.exitCode = unexplained.length > 0 ? 1 : 0;
}
