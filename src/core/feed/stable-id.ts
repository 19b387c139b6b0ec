/**
 * A stable, short, filename-safe id from any string (not for security): two 32-bit FNV-1a
 * hashes with different offsets, 64 bits in all. Math.imul keeps it in 32-bit integers,
 * which a 5,000-item feed hashes in a millisecond (BigInt arithmetic took a hundred).
 */
export function stableHash(text: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x9e3779b9;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x01000193) ^ (a >>> 15);
  }
  return (a >>> 0).toString(16).padStart(8, '0') + (b >>> 0).toString(16).padStart(8, '0');
}

export const feedItemId = (sourceUrl: string, key: string): string =>
  `feed-${stableHash(`${sourceUrl}\n${key}`)}`;
