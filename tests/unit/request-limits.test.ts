import { describe, expect, it } from 'vitest';
import { fullBucket, takeToken, type Bucket } from '../../src/core/rate/token-bucket';
import { httpOrigins } from '../../src/server/security/allowed-origins';

describe('token bucket', () => {
  const limits = { capacity: 3, perSecond: 0.5 };
  it('grants a burst, then one token per 2 s, and says when to retry', () => {
    let bucket: Bucket = fullBucket(limits, 0);
    const results: boolean[] = [];
    for (let i = 0; i < 4; i++) {
      const d = takeToken(bucket, limits, 0);
      bucket = d.bucket;
      results.push(d.ok);
    }
    expect(results).toEqual([true, true, true, false]);
    expect(takeToken(bucket, limits, 0)).toMatchObject({ ok: false, retryAfterSeconds: 2 });
    expect(takeToken(bucket, limits, 1999).ok).toBe(false);
    expect(takeToken(bucket, limits, 2000).ok).toBe(true);
  });

  it('a clock set back grants no fresh burst', () => {
    const empty = { tokens: 0, at: 10_000 };
    expect(takeToken(empty, limits, 0).ok).toBe(false);
  });
});

describe('origins the player answers', () => {
  it('loopback by address and name, the bound address, configured names with or without a port', () => {
    const origins = [...httpOrigins('192.168.1.20', 8787, ['kiosk.school.lan', 'Screen-2.lan:80', '[fe80::1]'], () => [])];
    expect(origins).toEqual([
      'http://127.0.0.1:8787',
      'http://localhost:8787',
      'http://[::1]:8787',
      'http://192.168.1.20:8787',
      'http://kiosk.school.lan:8787',
      'http://screen-2.lan',
      'http://[fe80::1]:8787',
    ]);
  });

  it('a server bound to every interface answers each interface address, not any name', () => {
    const origins = httpOrigins('0.0.0.0', 80, [], () => ['10.0.0.5', 'fe80::2']);
    expect([...origins]).toEqual(['http://127.0.0.1', 'http://localhost', 'http://[::1]', 'http://10.0.0.5', 'http://[fe80::2]']);
  });
});

describe('what the public state leaves out', () => {
  it('drops warnings and quarantine reasons, keeps what the screen needs', async () => {
    const { publicState, operatorDetails } = await import('../../src/server/app');
    const { FALLBACK_PLAYLIST } = await import('../../src/core/fallback');
    const full = {
      version: 3, screenId: 's', organisation: 'o', layout: 'landscape' as const, locales: ['en' as const],
      region: { region: 'cn' as const, hotlines: [{ role: 'police' as const, number: '110' }] },
      playlist: FALLBACK_PLAYLIST, items: [], alerts: [], fallback: false, appVersion: '1', startedAt: '2026-01-01T00:00:00Z',
      warnings: ['/etc/kiosk/config.json: operatorPin: at least 6 digits'],
      sync: {
        lastSuccess: null, lastAttempt: null, lastError: null, nextAttempt: null, accepted: 1,
        quarantined: [{ id: 'x', reason: 'phone number 02166889911 is not in allowedPhones' }],
        cacheBytes: 0, cacheQuotaBytes: 1, source: 'feed' as const,
      },
    };
    const shown = publicState(full);
    expect(JSON.stringify(shown)).not.toContain('operatorPin');
    expect(JSON.stringify(shown)).not.toContain('02166889911');
    expect(shown.sync?.accepted).toBe(1);
    expect(operatorDetails(full)).toEqual({ warnings: full.warnings, quarantined: full.sync.quarantined });
  });
});
