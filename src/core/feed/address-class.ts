/**
 * Which addresses a feed or medium may be fetched from. A feed is public content: an address
 * on the screen's own machine or network (the router's admin page, a printer, a cloud
 * metadata service) is refused unless the operator lists its host in `privateHosts`.
 */

export type AddressClass =
  | 'public' | 'unspecified' | 'loopback' | 'private' | 'link-local' | 'shared (CGNAT)'
  | 'unique-local (ULA)' | 'multicast' | 'reserved' | 'documentation' | 'broadcast';

type V4 = readonly [number, number, number, number];

export function parseIpv4(text: string): V4 | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text);
  if (!m) return undefined;
  const parts = [Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4])] as const;
  return parts.every((p) => p <= 255) ? parts : undefined;
}

/** Eight 16-bit groups, or undefined; accepts `::`, a trailing dotted quad and a `%zone`. */
export function parseIpv6(text: string): number[] | undefined {
  let bare = text.replace(/^\[|\]$/g, '').replace(/%.*$/, '').toLowerCase();
  const tail = /:(\d{1,3}(?:\.\d{1,3}){3})$/.exec(bare);
  if (tail) {
    const v4 = parseIpv4(tail[1] ?? '');
    if (!v4) return undefined;
    bare = `${bare.slice(0, tail.index + 1)}${((v4[0] << 8) | v4[1]).toString(16)}:${((v4[2] << 8) | v4[3]).toString(16)}`;
  }
  if (!/^[0-9a-f:]+$/.test(bare)) return undefined;
  const halves = bare.split('::');
  if (halves.length > 2) return undefined;
  const groups = (s: string): number[] | undefined => {
    if (s === '') return [];
    const out = s.split(':').map((g) => (/^[0-9a-f]{1,4}$/.test(g) ? parseInt(g, 16) : NaN));
    return out.some(Number.isNaN) ? undefined : out;
  };
  const left = groups(halves[0] ?? '');
  const right = halves.length === 2 ? groups(halves[1] ?? '') : [];
  if (!left || !right) return undefined;
  const missing = 8 - left.length - right.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return undefined;
  return [...left, ...Array<number>(halves.length === 2 ? missing : 0).fill(0), ...right];
}

const inV4 = (a: V4, base: V4, bits: number): boolean => {
  const n = (a[0] << 24) | (a[1] << 16) | (a[2] << 8) | a[3];
  const b = (base[0] << 24) | (base[1] << 16) | (base[2] << 8) | base[3];
  const mask = bits === 0 ? 0 : -1 << (32 - bits);
  return (n & mask) === (b & mask);
};

const V4_RANGES: readonly (readonly [V4, number, AddressClass])[] = [
  [[0, 0, 0, 0], 8, 'unspecified'], [[127, 0, 0, 0], 8, 'loopback'], [[10, 0, 0, 0], 8, 'private'],
  [[172, 16, 0, 0], 12, 'private'], [[192, 168, 0, 0], 16, 'private'], [[169, 254, 0, 0], 16, 'link-local'],
  [[100, 64, 0, 0], 10, 'shared (CGNAT)'], [[192, 0, 0, 0], 24, 'reserved'], [[198, 18, 0, 0], 15, 'reserved'],
  [[192, 0, 2, 0], 24, 'documentation'], [[198, 51, 100, 0], 24, 'documentation'], [[203, 0, 113, 0], 24, 'documentation'],
  [[255, 255, 255, 255], 32, 'broadcast'], [[224, 0, 0, 0], 4, 'multicast'], [[240, 0, 0, 0], 4, 'reserved'],
];

export function classifyIpv4(a: V4): AddressClass {
  return V4_RANGES.find(([base, bits]) => inV4(a, base, bits))?.[2] ?? 'public';
}

const v4Of = (hi: number, lo: number): V4 => [hi >> 8, hi & 255, lo >> 8, lo & 255];

export function classifyIpv6(g: readonly number[]): AddressClass {
  const [g0 = 0, g1 = 0, g2 = 0, g3 = 0, g4 = 0, g5 = 0, g6 = 0, g7 = 0] = g;
  const zeroTo = (n: number): boolean => g.slice(0, n).every((x) => x === 0);
  if (zeroTo(8)) return 'unspecified';
  if (zeroTo(7) && g7 === 1) return 'loopback';
  // IPv4-mapped (::ffff:a.b.c.d), IPv4-compatible (::a.b.c.d) and NAT64 (64:ff9b::a.b.c.d) carry an IPv4 address.
  if ((zeroTo(5) && g5 === 0xffff) || zeroTo(6) || (g0 === 0x64 && g1 === 0xff9b && g2 === 0 && g3 === 0 && g4 === 0 && g5 === 0)) {
    return classifyIpv4(v4Of(g6, g7));
  }
  if (g0 === 0x2002) return classifyIpv4(v4Of(g1, g2)); // 6to4
  if ((g0 & 0xfe00) === 0xfc00) return 'unique-local (ULA)';
  if ((g0 & 0xffc0) === 0xfe80 || (g0 & 0xffc0) === 0xfec0) return 'link-local';
  if ((g0 & 0xff00) === 0xff00) return 'multicast';
  if (g0 === 0x2001 && g1 === 0x0db8) return 'documentation';
  if (g0 === 0x0100 && g1 === 0 && g2 === 0 && g3 === 0) return 'reserved'; // discard prefix
  return 'public';
}

/** The class of an IP literal, or undefined when the text is not an IP address. */
export function classifyAddress(text: string): AddressClass | undefined {
  const v4 = parseIpv4(text);
  if (v4) return classifyIpv4(v4);
  const v6 = text.includes(':') ? parseIpv6(text) : undefined;
  return v6 ? classifyIpv6(v6) : undefined;
}
