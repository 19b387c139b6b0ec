import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importListCommand } from '../../src/cli/commands/import-list';
import { publishCommand } from '../../src/cli/commands/publish';
import { openConsoleData } from '../../src/node/console/console-data';
import { fakeIo } from '../helpers/fake-io';
import { REPO_ROOT } from '../helpers/console-client';

const FIXTURES = join(REPO_ROOT, 'tests/fixtures/official-lists');
let dataDir: string;

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'import-list-'));
  await openConsoleData(dataDir, () => new Date());
});
afterEach(async () => {
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

const run = async (...args: string[]) => {
  const io = fakeIo(dataDir);
  const code = await importListCommand.run(['--data', dataDir, ...args], io);
  return { code, io };
};
const library = async () => (await openConsoleData(dataDir, () => new Date())).library;

describe('kiosk import-list', { timeout: 60_000 }, () => {
  it.each([
    ['tw-165-sites', 'tw-165-sites.csv', 5, 'list-tw-165-sites-2026-11-30-1'],
    ['hkma-websites', 'hkma-websites.csv', 3, 'list-hkma-websites-2026-11-28-1'],
    ['generic-csv', 'generic.csv', 2, 'list-generic-csv-2026-12-01-1'],
  ])('imports %s as a draft slide that needs approval', async (format, file, sites, id) => {
    const { code, io } = await run('--format', format, join(FIXTURES, file));
    expect(io.stderr).toEqual([]);
    expect(code).toBe(0);
    expect(io.stdout[0]).toBe(`imported ${sites} sites into 1 draft slide(s): ${id}`);
    const entry = (await library()).get(id);
    expect(entry?.workflow.status).toBe('draft');
    expect(entry?.item.kind === 'notice' && entry.item.text).toMatch(/\[\.\]/);
  });

  it.each(['formula.csv', 'wrong-columns.csv', 'big5.csv', 'bom-middle.csv'])('refuses %s with a message and creates nothing', async (file) => {
    const { code, io } = await run('--format', 'generic-csv', join(FIXTURES, file));
    expect(code).toBe(1);
    expect(io.stderr.join('\n')).toMatch(new RegExp(`${file}: `));
    expect((await library()).list()).toEqual([]);
  });

  it('refuses the same list twice, and bad arguments', async () => {
    expect((await run('--format', 'tw-165-sites', join(FIXTURES, 'tw-165-sites.csv'))).code).toBe(0);
    const again = await run('--format', 'tw-165-sites', join(FIXTURES, 'tw-165-sites.csv'));
    expect(again.code).toBe(1);
    expect(again.io.stderr.join('')).toMatch(/imported already/);
    expect((await run('--format', 'nope', 'x.csv')).code).toBe(2);
  });

  it('publishes the slide once approved: defanged text in the signed feed, never a link', async () => {
    await run('--format', 'hkma-websites', join(FIXTURES, 'hkma-websites.csv'));
    const lib = await library();
    const entry = lib.get('list-hkma-websites-2026-11-28-1');
    if (!entry) throw new Error('not imported');
    const now = new Date();
    const editor = { username: 'ed', roles: ['editor'] as const };
    const submitted = await lib.move(entry.item.id, 'submit', '', entry.workflow.rev, { ...editor, roles: [...editor.roles] }, now);
    if (!submitted.ok) throw new Error(submitted.error.message);
    const approved = await lib.move(entry.item.id, 'approve', 'official list', submitted.value.workflow.rev, { username: 'boss', roles: ['publisher'] }, now);
    if (!approved.ok) throw new Error(approved.error.message);
    const io = fakeIo(dataDir);
    expect(await publishCommand.run(['--data', dataDir, '--out', 'site', '--base-url', 'https://cdn.example.org/af/'], io)).toBe(0);
    const feed = await readFile(join(dataDir, 'site', 'current', 'feed.json'), 'utf8');
    expect(feed).toContain('examp1e-bank-hk[.]com');
    expect(feed).not.toMatch(/examp1e-bank-hk\.com/);
  });
});
