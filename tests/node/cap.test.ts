import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CapAlert } from '../../src/core/cap/cap-model';
import { capAlertItems, chooseInfo, levelOf, statusRefusal, type CapSelectOptions } from '../../src/core/cap/cap-select';
import { applyCap, EMPTY_CAP_STATE, pruneCapState, type CapState } from '../../src/core/cap/cap-state';
import { parseCapText } from '../../src/node/feed/cap-parse';

const fixture = (name: string): string => readFileSync(join(__dirname, '../fixtures/cap', name), 'utf8');
const options: CapSelectOptions = { include: [], defaultHours: 6 };

async function one(text: string): Promise<CapAlert> {
  const doc = await parseCapText(text);
  if (!doc.ok) throw new Error(doc.error);
  expect(doc.value.alerts).toHaveLength(1);
  return doc.value.alerts[0]!;
}

interface Msg {
  id: string;
  sent: string;
  msgType?: string;
  status?: string;
  refs?: string[];
  expires?: string;
  infos?: { lang: string; headline: string; area?: string; geocode?: string }[];
}

/** A synthetic CAP message, the way the Taiwanese platform writes them (cap: prefix, zh-TW and en blocks). */
function cap(m: Msg): string {
  const infos = (m.infos ?? [{ lang: 'zh-TW', headline: '詐騙警示' }]).map(
    (i) => `<cap:info><cap:language>${i.lang}</cap:language><cap:event>警示</cap:event><cap:urgency>Immediate</cap:urgency>
      <cap:severity>Severe</cap:severity><cap:certainty>Observed</cap:certainty>${m.expires ? `<cap:expires>${m.expires}</cap:expires>` : ''}
      <cap:headline>${i.headline}</cap:headline><cap:description>請提高警覺</cap:description>
      ${i.area ? `<cap:area><cap:areaDesc>${i.area}</cap:areaDesc>${i.geocode ? `<cap:geocode><cap:valueName>Taiwan_Geocode_103</cap:valueName><cap:value>${i.geocode}</cap:value></cap:geocode>` : ''}</cap:area>` : ''}
    </cap:info>`,
  );
  return `<?xml version="1.0" encoding="UTF-8"?><cap:alert xmlns:cap="urn:oasis:names:tc:emergency:cap:1.2">
    <cap:identifier>${m.id}</cap:identifier><cap:sender>cbs@ncdr.nat.gov.tw</cap:sender><cap:sent>${m.sent}</cap:sent>
    <cap:status>${m.status ?? 'Actual'}</cap:status><cap:msgType>${m.msgType ?? 'Alert'}</cap:msgType><cap:scope>Public</cap:scope>
    ${m.refs ? `<cap:references>${m.refs.map((r) => `cbs@ncdr.nat.gov.tw,${r},2026-12-01T08:00:00+08:00`).join(' ')}</cap:references>` : ''}
    ${infos.join('')}</cap:alert>`;
}

const at = (iso: string): number => Date.parse(iso);
const NOW = at('2026-12-01T09:00:00+08:00');

async function run(messages: readonly Msg[], nowMs = NOW): Promise<CapState> {
  let state = EMPTY_CAP_STATE;
  for (const m of messages) state = applyCap(state, await one(cap(m)), nowMs).state;
  return state;
}

describe('CAP 1.2: the specification examples', () => {
  it('reads the thunderstorm warning: severe and immediate is critical, with its expiry and area', async () => {
    const alert = await one(fixture('oasis-thunderstorm.xml'));
    expect(alert).toMatchObject({ identifier: 'KSTO1055887203', status: 'Actual', msgType: 'Alert' });
    const state = applyCap(EMPTY_CAP_STATE, alert, at('2003-06-17T15:00:00-07:00')).state;
    const items = capAlertItems(state, ['en'], at('2003-06-17T15:00:00-07:00'), { ...options, area: { geocodes: ['006109'] } });
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ level: 'critical', expires: '2003-06-17T23:00:00.000Z', locale: 'en' });
    expect(items[0]!.text).toMatch(/^SEVERE THUNDERSTORM WARNING：/);
    expect(capAlertItems(state, ['en'], at('2003-06-17T16:00:01-07:00'), options)).toEqual([]);
    expect(capAlertItems(state, ['en'], at('2003-06-17T15:00:00-07:00'), { ...options, area: { geocodes: ['006037'] } })).toEqual([]);
  });

  it('reads the homeland security alert (no expiry: the default lifetime applies)', async () => {
    const alert = await one(fixture('oasis-hsas.xml'));
    const now = at('2003-04-02T15:00:00-05:00');
    const items = capAlertItems(applyCap(EMPTY_CAP_STATE, alert, now).state, ['zh-CN', 'en'], now, options);
    expect(items[0]).toMatchObject({ level: 'critical', locale: 'en', expires: '2003-04-03T01:39:01.000Z' });
  });

  it('treats the earthquake Update as replacing .1, at info level for a past minor event', async () => {
    const alert = await one(fixture('oasis-earthquake-update.xml'));
    expect(alert.references).toEqual([{ sender: 'trinet@caltech.edu', identifier: 'TRI13970876.1', sent: '2003-06-11T20:30:00-07:00' }]);
    const step = applyCap(EMPTY_CAP_STATE, alert, at('2003-06-11T21:00:00-07:00'));
    expect(step.change).toMatchObject({ kind: 'replaced', ended: ['trinet@caltech.edu,TRI13970876.1'] });
    expect(levelOf(alert.infos[0]!)).toBe('info');
  });

  it('picks the info block by the screen language in the multilingual Amber alert', async () => {
    const alert = await one(fixture('oasis-amber-multilingual.xml'));
    expect(chooseInfo(alert.infos, ['en'])?.info.headline).toBe('Amber Alert in Los Angeles County');
    // No Chinese block: the first block rather than nothing.
    expect(chooseInfo(alert.infos, ['zh-TW'])?.info.language).toBe('en-US');
  });
});

describe('CAP status and language', () => {
  it('shows Actual; Exercise and Test only when opted in; Draft and System never', async () => {
    for (const status of ['Exercise', 'Test']) {
      const alert = await one(cap({ id: 'x', sent: '2026-12-01T08:00:00+08:00', status }));
      expect(statusRefusal(alert, options)).toMatch(/not opted in/);
      expect(statusRefusal(alert, { include: ['Exercise', 'Test'] })).toBeUndefined();
    }
    for (const status of ['Draft', 'System']) {
      const alert = await one(cap({ id: 'x', sent: '2026-12-01T08:00:00+08:00', status }));
      expect(statusRefusal(alert, { include: ['Exercise', 'Test'] })).toMatch(/never shown/);
    }
    const test = await run([{ id: 't1', sent: '2026-12-01T08:00:00+08:00', status: 'Test' }]);
    expect(capAlertItems(test, ['zh-TW'], NOW, options)).toEqual([]);
  });

  it('chooses zh-TW, then zh-Hant, for a Taiwanese screen, and English for an English one', async () => {
    const state = await run([
      { id: 'l1', sent: '2026-12-01T08:00:00+08:00', infos: [{ lang: 'en-US', headline: 'Scam alert' }, { lang: 'zh-Hant', headline: '詐騙警示' }] },
    ]);
    expect(capAlertItems(state, ['zh-TW', 'en'], NOW, options)[0]).toMatchObject({ locale: 'zh-TW', text: '詐騙警示：請提高警覺' });
    expect(capAlertItems(state, ['en'], NOW, options)[0]?.text).toMatch(/^Scam alert/);
  });

  it('applies an alert with no <area> everywhere, and filters by areaDesc or geocode when asked', async () => {
    const state = await run([
      { id: 'a1', sent: '2026-12-01T08:00:00+08:00' },
      { id: 'a2', sent: '2026-12-01T08:00:00+08:00', infos: [{ lang: 'zh-TW', headline: '臺北', area: '臺北市', geocode: '63' }] },
      { id: 'a3', sent: '2026-12-01T08:00:00+08:00', infos: [{ lang: 'zh-TW', headline: '高雄', area: '高雄市', geocode: '64' }] },
    ]);
    const byDesc = capAlertItems(state, ['zh-TW'], NOW, { ...options, area: { areaDesc: ['臺北市'] } });
    expect(byDesc.map((i) => i.text.split('：')[0]).sort()).toEqual(['臺北', '詐騙警示']);
    const byCode = capAlertItems(state, ['zh-TW'], NOW, { ...options, area: { geocodes: ['64'] } });
    expect(byCode.map((i) => i.text.split('：')[0]).sort()).toEqual(['詐騙警示', '高雄']);
    expect(capAlertItems(state, ['zh-TW'], NOW, options)).toHaveLength(3);
  });
});

describe('CAP Update and Cancel, in any order of arrival', () => {
  const a1: Msg = { id: 'A1', sent: '2026-12-01T08:00:00+08:00', infos: [{ lang: 'zh-TW', headline: '第一版' }] };
  const u2: Msg = { id: 'U2', sent: '2026-12-01T08:10:00+08:00', msgType: 'Update', refs: ['A1'], infos: [{ lang: 'zh-TW', headline: '第二版' }] };
  const u3: Msg = { id: 'U3', sent: '2026-12-01T08:20:00+08:00', msgType: 'Update', refs: ['A1', 'U2'], infos: [{ lang: 'zh-TW', headline: '第三版' }] };
  const c4: Msg = { id: 'C4', sent: '2026-12-01T08:30:00+08:00', msgType: 'Cancel', refs: ['A1', 'U2', 'U3'] };
  const heads = (s: CapState): string[] => capAlertItems(s, ['zh-TW'], NOW, options).map((i) => i.text.split('：')[0]!);

  it('shows the newest version whatever order the versions arrive in', async () => {
    const orders = [[a1, u2, u3], [u3, a1, u2], [u2, u3, a1], [u3, u2, a1], [a1, u3, u2]];
    for (const order of orders) expect(heads(await run(order))).toEqual(['第三版']);
  });

  it('an update that references only the original does not undo a newer one', async () => {
    const u3only: Msg = { ...u3, refs: ['A1'] };
    expect(heads(await run([a1, u3only, u2]))).toEqual(['第三版']);
  });

  it('a cancel removes the alert, and the original arriving after the cancel stays off screen', async () => {
    expect(heads(await run([a1, u2, c4]))).toEqual([]);
    expect(heads(await run([c4, a1, u2, u3]))).toEqual([]);
    const cancelFirstOnlyA1: Msg = { ...c4, refs: ['A1'] };
    expect(heads(await run([a1, u2, cancelFirstOnlyA1]))).toEqual([]);
  });

  it('forgets ended messages after a week, so the state stays small', async () => {
    const state = await run([a1, c4]);
    expect(Object.keys(state.ended).length).toBeGreaterThan(0);
    expect(pruneCapState(state, NOW + 8 * 86_400_000).ended).toEqual({});
  });
});

describe('CAP feeds and hostile CAP', () => {
  it('reads an Atom feed of embedded CAP entries and lists linked ones to fetch', async () => {
    const atom = `<?xml version="1.0" encoding="UTF-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>alerts</title>
      <entry><id>1</id><title>t</title><content type="text/xml">${cap({ id: 'E1', sent: '2026-12-01T08:00:00+08:00' }).replace(/^<\?xml[^>]*\?>/, '')}</content></entry>
      <entry><id>2</id><title>t</title><link rel="alternate" type="application/cap+xml" href="https://alerts.example.org/2.cap"/></entry>
    </feed>`;
    const doc = await parseCapText(atom);
    expect(doc.ok && doc.value.alerts.map((a) => a.identifier)).toEqual(['E1']);
    expect(doc.ok && doc.value.links).toEqual(['https://alerts.example.org/2.cap']);
  });

  it('keeps markup as text, cuts a huge description, refuses entities and non-CAP documents', async () => {
    const markup = cap({ id: 'h1', sent: '2026-12-01T08:00:00+08:00' }).replace('請提高警覺', '&lt;script&gt;alert(1)&lt;/script&gt;<![CDATA[<img src=x onerror=1>]]>');
    const item = capAlertItems(applyCap(EMPTY_CAP_STATE, await one(markup), NOW).state, ['zh-TW'], NOW, options)[0];
    expect(item?.text).toContain('<script>alert(1)</script>');
    const huge = cap({ id: 'h2', sent: '2026-12-01T08:00:00+08:00' }).replace('請提高警覺', 'A'.repeat(1_000_000));
    // The cap, not a stopwatch: what any later regex sees is at most 2,000 characters.
    const big = await one(huge);
    expect(big.infos[0]!.description!.length).toBeLessThanOrEqual(2000);
    const entities = `<?xml version="1.0"?><!DOCTYPE alert [<!ENTITY a "aaaa">]><alert><identifier>&a;</identifier></alert>`;
    expect(await parseCapText(entities)).toMatchObject({ ok: false, error: expect.stringMatching(/entities/) });
    expect(await parseCapText('<html><body>hi</body></html>')).toMatchObject({ ok: false, error: expect.stringMatching(/HTML/) });
    expect(await parseCapText('<root/>')).toMatchObject({ ok: false, error: expect.stringMatching(/root is <root>/) });
    const badStatus = await parseCapText(cap({ id: 'b', sent: '2026-12-01T08:00:00+08:00', status: 'Bogus' }));
    expect(badStatus).toMatchObject({ ok: false, error: expect.stringMatching(/status> "Bogus"/) });
  });
});
