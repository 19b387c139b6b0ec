import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConsoleClient } from '../helpers/console-client';
import { addAccount, completeSetup, shoot, signIn, signOut } from './helpers/console-ui';
import { APP_ROOT, saveArtifact } from './helpers/player';
import { consoleSuite, serveFromSnippet, startConsoleCli } from './helpers/console-suite';

/**
 * An office imports this week's HKMA list on the console's "Import official list" page; the
 * draft goes through approval and publish like any item, and a `kiosk serve` screen set up
 * from the group's snippet shows it: the domains defanged, as text, with the source and date.
 */
const FIXTURES = join(APP_ROOT, 'tests/fixtures/official-lists');
const SLIDE = 'list-hkma-websites-2026-11-28-1';
const PASSWORD = { admin: 'admin-pass-2026', editor: 'editor-pass-2026', publisher: 'publisher-pass-2026' };

const suite = consoleSuite('kiosk-console-import-');

const startConsole = () => startConsoleCli(suite, ['--mqtt-port', '0', '--data', join(suite.dir, 'console')]);

/** The default group made a Hong Kong portrait screen whose loop is the list slide (set by the admin, as the Groups page would). */
async function hongKongGroup(origin: string): Promise<void> {
  const admin = new ConsoleClient(origin);
  await admin.login('admin', PASSWORD.admin);
  const group = (await admin.call('listGroups')).data.find((g) => g.id === 'default');
  if (!group) throw new Error('no default group');
  const saved = await admin.call('saveGroup', {
    params: { id: group.id },
    body: { ...group, name: '中西區社區中心', layout: 'portrait', locales: ['zh-HK'], region: 'hk', timeZone: 'Asia/Hong_Kong', stage: [{ type: 'notice', id: SLIDE, seconds: 60 }] },
  });
  if (saved.status !== 200) throw new Error(`saveGroup: ${saved.status} ${saved.error}`);
}

/** `kiosk serve` with the device config the console shows for the group, polling every 2 s. */
const startScreen = (snippet: Record<string, unknown>): Promise<string> =>
  serveFromSnippet(suite, snippet, { pack: ['pack/slides.json'], stage: [{ type: 'next-notice', variant: 'help', seconds: 3 }] });

const stateIds = async (url: string): Promise<string[]> =>
  ((await (await fetch(`${url}api/state`)).json()) as { items: { id: string }[] }).items.map((i) => i.id);

describe('an official list imported in the console reaches a screen', () => {
  it('import page → draft → approval → publish → the defanged list slide on a kiosk serve screen', { timeout: 240_000 }, async () => {
    const { origin, setupUrl } = await startConsole();
    const page = await (await suite.browser.newContext({ viewport: { width: 1366, height: 860 }, locale: 'zh-CN' })).newPage();
    await page.goto(setupUrl);
    await completeSetup(page, PASSWORD.admin);
    await addAccount(page, 'editor1', PASSWORD.editor, ['editor']);
    await addAccount(page, 'publisher1', PASSWORD.publisher, ['publisher']);
    await hongKongGroup(origin);
    await page.getByTestId('nav-groups').click();
    const screen = await startScreen(JSON.parse(await page.getByTestId('device-config').innerText()) as Record<string, unknown>);
    await signOut(page);

    // The editor tries a hostile file first: refused with the place named, nothing made.
    await signIn(page, origin, 'editor1', PASSWORD.editor);
    await page.getByTestId('nav-import-list').click();
    await page.getByTestId('list-format').selectOption('generic-csv');
    await page.getByTestId('list-file').setInputFiles(join(FIXTURES, 'formula.csv'));
    await page.getByTestId('import-list').click();
    await expect.poll(() => page.getByTestId('error').innerText()).toBe('文件被拒绝，没有建立任何内容。原因：formula.csv: row 2, column 2 starts like a spreadsheet formula ("=cmd|\' /C calc\'!A0"): refusing the whole file');
    expect(await page.getByTestId('import-created').count()).toBe(0);
    await shoot(page, 'import-list-refused.png');

    await page.getByTestId('list-format').selectOption('hkma-websites');
    await page.getByTestId('list-file').setInputFiles(join(FIXTURES, 'hkma-websites.csv'));
    await page.getByTestId('import-list').click();
    await expect.poll(() => page.getByTestId('import-created').innerText()).toBe('已建立 1 份草稿');
    expect(await page.getByTestId('error').count()).toBe(0);
    expect(await page.getByTestId('ok').innerText()).toContain('3 个网站；去除重复 1 个');
    await shoot(page, 'import-list-result.png');
    await page.getByTestId('import-draft').click();
    await page.waitForURL(new RegExp(`#/items/${SLIDE}$`));
    await page.getByTestId('submit').click();
    await page.locator('.badge.status-submitted').waitFor();
    await signOut(page);

    await signIn(page, origin, 'publisher1', PASSWORD.publisher);
    await page.getByTestId('nav-approvals').click();
    const rows = page.getByTestId('approvals').locator('tbody tr');
    await expect.poll(() => rows.count()).toBe(1);
    await rows.first().getByTestId('approve').click();
    await expect.poll(() => rows.count()).toBe(0);
    await page.getByTestId('nav-publish').click();
    await page.getByTestId('publish').click();
    await page.locator('[data-testid=published-version], [data-testid=error]').first().waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('error').count(), await page.locator('main').innerText()).toBe(0);

    // The screen picks the publish up on a poll; then its stage is the list slide.
    await expect.poll(() => stateIds(screen), { timeout: 60_000, interval: 250 }).toContain(SLIDE);
    const player = await suite.browser.newPage({ viewport: { width: 1080, height: 1920 } });
    await player.goto(screen);
    const slide = player.locator(`[data-kind=notice][data-item-id="${SLIDE}"]`);
    await slide.waitFor({ timeout: 30_000 });
    await player.evaluate('document.fonts.ready');
    const text = await slide.innerText();
    expect(text).toContain('金管局公布：偽冒銀行網站');
    for (const host of ['examp1e-bank-hk[.]com', 'www[.]examp1e-bank-hk[.]net', 'sample-savings-secure[.]com']) expect(text).toContain(host);
    expect(text).not.toMatch(/examp1e-bank-hk\.(com|net)|https?:/);
    expect(await slide.locator('.notice-source').innerText()).toMatch(/^資料來源：香港金融管理局公開警示（2026-11-28）/);
    expect(await player.locator('a').count()).toBe(0);
    await saveArtifact(player, 'console/import-list-screen.png');
  });
});
