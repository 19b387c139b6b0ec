import { describe, expect, it } from 'vitest';
import { classifyAddress } from '../../src/core/feed/address-class';
import { checkUrl } from '../../src/core/feed/url-policy';

describe('address classes', () => {
  it('names every non-public range, including IPv4 hidden inside IPv6', () => {
    const cases: Record<string, string> = {
      '127.0.0.1': 'loopback', '10.1.2.3': 'private', '172.31.0.1': 'private', '192.168.1.1': 'private',
      '169.254.169.254': 'link-local', '100.64.0.1': 'shared (CGNAT)', '0.0.0.0': 'unspecified', '224.0.0.1': 'multicast',
      '::1': 'loopback', '::': 'unspecified', '::ffff:127.0.0.1': 'loopback', '::ffff:7f00:1': 'loopback',
      '[::ffff:a9fe:a9fe]': 'link-local', 'fd12:3456::1': 'unique-local (ULA)', 'fe80::1%eth0': 'link-local',
      '64:ff9b::10.0.0.1': 'private', '2002:c0a8:0101::1': 'private', 'ff02::1': 'multicast',
      '8.8.8.8': 'public', '172.32.0.1': 'public', '100.128.0.1': 'public', '2606:4700::1111': 'public',
    };
    for (const [address, kind] of Object.entries(cases)) expect(classifyAddress(address), address).toBe(kind);
  });

  it('is not fooled by names or malformed addresses', () => {
    for (const text of ['example.org', '1::2::3', '1:2:3:4:5:6:7:8:9', '256.0.0.1', 'fe80::zz']) expect(classifyAddress(text), text).toBeUndefined();
  });

  it('lets listed private hosts through and nothing else', () => {
    const rules = { allowHttp: true, allowedHosts: [], privateHosts: ['10.0.0.5', '*.intranet.example'] };
    expect(checkUrl('http://10.0.0.5/feed', rules).ok).toBe(true);
    expect(checkUrl('http://10.0.0.6/feed', rules)).toEqual({ ok: false, error: '10.0.0.6 is a private address: refused unless 10.0.0.6 is listed in privateHosts' });
    expect(checkUrl('https://feed.example.org/rss', rules).ok).toBe(true);
  });
});
