import { describe, expect, it } from 'vitest';
import { PlayEvent } from '../../src/core/api/contract';
import { ContentItem, ContentKind } from '../../src/core/model/content';
import { FeedKind } from '../../src/core/model/feed-config';
import { isSha256Hex, Sha256Hex } from '../../src/core/model/sha256';
import { createNotifier } from '../../src/core/notifier';
import { errorMessage } from '../../src/core/result';
import { localTime } from '../../src/core/time/local-time';

describe('one source per fact', () => {
  it('the content kinds are read off ContentItem, and feeds and play events use that list', () => {
    const kinds = ContentItem.options.map((o) => o.shape.kind.value);
    expect(ContentKind.options).toEqual(kinds);
    expect(FeedKind.options).toEqual(kinds);
    expect(PlayEvent.shape.kind.options).toEqual([...kinds, 'fallback', 'standby']);
  });

  it('one SHA-256 schema: 64 lower-case hex digits, nothing else', () => {
    const digest = 'a'.repeat(63) + '0';
    expect(isSha256Hex(digest)).toBe(true);
    expect(Sha256Hex.safeParse(digest.toUpperCase()).success).toBe(false);
    expect(isSha256Hex(digest + '0')).toBe(false);
    expect(isSha256Hex('../' + digest.slice(3))).toBe(false);
  });

  it('errorMessage gives an Error its message and anything else as text', () => {
    expect(errorMessage(new TypeError('bad input'))).toBe('bad input');
    expect(errorMessage('plain')).toBe('plain');
    expect(errorMessage(42)).toBe('42');
  });

  it('a notifier tells every subscriber, stops after unsubscribe, and survives a throwing listener', () => {
    const errors: unknown[] = [];
    const changes = createNotifier<number>((e) => errors.push(e));
    const heard: number[] = [];
    const off = changes.subscribe((v) => heard.push(v));
    changes.subscribe(() => {
      throw new Error('listener broke');
    });
    changes.subscribe((v) => heard.push(v * 10));
    changes.notify(1);
    off();
    changes.notify(2);
    expect(heard).toEqual([1, 10, 20]);
    expect(errors.map(errorMessage)).toEqual(['listener broke', 'listener broke']);
    changes.clear();
    expect(changes.listenerCount).toBe(0);
  });

  it('one local-time module answers the scheduler and the report alike, across a DST change', () => {
    // New York moved from EDT to EST at 06:00Z on 2026-11-01
    expect(localTime(Date.parse('2026-11-01T05:59:59Z'), 'America/New_York')).toEqual({
      date: '2026-11-01', weekday: 'sun', minutes: 60 + 59, secondOfDay: 3600 + 59 * 60 + 59, hhmm: '01:59',
    });
    expect(localTime(new Date('2026-11-01T06:00:00Z'), 'America/New_York')).toMatchObject({ hhmm: '01:00', weekday: 'sun', minutes: 60 });
    expect(localTime(Date.parse('2026-11-29T16:30:00Z'), 'Asia/Shanghai')).toMatchObject({ date: '2026-11-30', weekday: 'mon', hhmm: '00:30' });
  });
});
