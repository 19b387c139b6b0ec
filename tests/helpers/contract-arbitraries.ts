import fc from 'fast-check';
import type { LibraryItem, Targeting } from '../../src/core/console/formats';
import type { MediaFacts } from '../../src/core/console/publish-plan';
import { FraudType, type ContentItem } from '../../src/core/model/content';
import { Audience, Region, SeasonName } from '../../src/core/model/region';

/** Library items of every kind, with every optional field a screen uses, in words the content policy accepts. */
const WORDS = ['不要', '转账', '先核实', '验证码', '陌生来电', '挂断', '保管好', 'never', 'share', 'codes', 'verify', 'first', '提醒', '家人'];
const text = (max: number): fc.Arbitrary<string> =>
  fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 6 }).map((w) => w.join(' ').slice(0, max));
const id = fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,15}$/);
const date = fc.date({ min: new Date('2025-01-01T00:00:00Z'), max: new Date('2028-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
const monthDay = fc.tuple(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 })).map(([m, d]) => `${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`);
const sha = fc.stringMatching(/^[0-9a-f]{64}$/);
const opt = <T>(a: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> => fc.option(a, { nil: undefined });
const defined = <T extends object>(o: T): T => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;

const base = fc.record({
  id,
  locale: fc.constantFrom('zh-CN', 'zh-TW', 'en') as fc.Arbitrary<'zh-CN' | 'zh-TW' | 'en'>,
  tags: opt(fc.uniqueArray(fc.stringMatching(/^[a-z]{1,8}$/), { minLength: 1, maxLength: 3 })),
  regions: opt(fc.uniqueArray(fc.constantFrom(...Region.options), { minLength: 1, maxLength: 3 })),
  audiences: opt(fc.uniqueArray(fc.constantFrom(...Audience.options), { minLength: 1, maxLength: 2 })),
  seasons: opt(fc.array(fc.oneof(fc.constantFrom(...SeasonName.options), fc.record({ from: monthDay, to: monthDay })), { minLength: 1, maxLength: 2 })),
});

/** A medium path as the console's library names it, and its facts. */
const medium = (ext: 'webm' | 'png' | 'vtt'): fc.Arbitrary<{ path: string; facts: MediaFacts }> =>
  fc.tuple(sha, fc.integer({ min: 1, max: 10_000_000 })).map(([hash, bytes]) => ({
    path: `media/${hash}.${ext}`,
    facts: { sha256: hash, bytes, type: ext === 'webm' ? 'video/webm' : ext === 'png' ? 'image/png' : 'text/vtt' },
  }));

interface Generated {
  readonly item: ContentItem;
  readonly media: readonly { path: string; facts: MediaFacts }[];
}

const slogan = base.map((b): Generated => ({ item: defined({ ...b, kind: 'slogan', text: 'x' }), media: [] })).chain((g) =>
  text(200).map((t) => ({ ...g, item: { ...g.item, text: t } as ContentItem })));

const caseItem = fc.record({
  b: base, title: text(80), story: text(1200), lesson: text(300), source: text(200), fraudType: fc.constantFrom(...FraudType.options),
  amountLost: fc.integer({ min: 0, max: 5_000_000 }), amountSaved: opt(fc.integer({ min: 1, max: 100_000 })), date: opt(date),
  pinnedDates: opt(fc.uniqueArray(date, { minLength: 1, maxLength: 3 })),
}).map(({ b, ...c }): Generated => ({ item: defined({ ...b, kind: 'case', currency: 'CNY', ...c }) as ContentItem, media: [] }));

const video = fc.record({ b: base, title: text(120), file: medium('webm'), poster: opt(medium('png')), captions: opt(medium('vtt')), maxSeconds: opt(fc.integer({ min: 1, max: 600 })) })
  .map(({ b, title, file, poster, captions, maxSeconds }): Generated => ({
    item: defined({ ...b, kind: 'video', title, file: file.path, poster: poster?.path, captions: captions?.path, maxSeconds }) as ContentItem,
    media: [file, ...(poster ? [poster] : []), ...(captions ? [captions] : [])],
  }));

const notice = fc.record({ b: base, variant: fc.constantFrom('help', 'notice', 'quiz') as fc.Arbitrary<'help' | 'notice' | 'quiz'>, title: text(120), text: text(800), image: opt(medium('png')), qr: opt(fc.constant('tel:96110')) })
  .map(({ b, image, ...n }): Generated => ({ item: defined({ ...b, kind: 'notice', ...n, image: image?.path }) as ContentItem, media: image ? [image] : [] }));

const alert = fc.record({ id, text: text(300), level: fc.constantFrom('info', 'warning', 'critical') as fc.Arbitrary<'info' | 'warning' | 'critical'>, hours: fc.integer({ min: 1, max: 72 }) })
  .map(({ hours, ...a }): Generated => ({
    item: { ...a, kind: 'alert', locale: 'zh-CN', starts: '2026-06-01T00:00:00.000Z', expires: new Date(Date.UTC(2026, 5, 1, 3) + hours * 3_600_000).toISOString() },
    media: [],
  }));

const targeting: fc.Arbitrary<Targeting> = fc.record({
  audience: fc.uniqueArray(fc.stringMatching(/^[a-z]{2,8}$/), { maxLength: 2 }),
  regions: fc.uniqueArray(fc.constantFrom('cn', 'tw', 'north'), { maxLength: 2 }),
  validity: fc.oneof(
    fc.constant({ type: 'always' as const }),
    fc.record({ type: fc.constant('window' as const), from: opt(date), until: opt(date) }).map(defined),
    fc.record({ type: fc.constant('season' as const), from: monthDay, until: monthDay }),
  ),
  pins: fc.uniqueArray(date, { maxLength: 3 }),
});

/** A library of approved items with distinct ids, and the media facts the console's library holds for them. */
export const library: fc.Arbitrary<{ entries: LibraryItem[]; media: Map<string, MediaFacts> }> = fc
  .uniqueArray(fc.record({ g: fc.oneof(slogan, caseItem, video, notice, alert), targeting }), { minLength: 1, maxLength: 12, selector: (x) => x.g.item.id })
  .map((rows) => ({
    entries: rows.map(({ g, targeting: t }) => ({
      item: g.item,
      targeting: t,
      workflow: { status: 'approved', comment: '', rev: 1, updatedBy: 'pub', updatedAt: '2026-06-01T00:00:00.000Z' },
    })),
    media: new Map(rows.flatMap(({ g }) => g.media.map((m) => [m.path, m.facts] as const))),
  }));
