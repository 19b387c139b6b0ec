/**
 * Names the allowed host a refused one imitates, so the operator reads "imitates *.gov.cn"
 * rather than a bare refusal: homoglyphs (Cyrillic о for o), the allowed name used as a
 * subdomain (gov.cn.evil.com), hyphen for dot (mps-gov.cn) and one- or two-letter typos.
 */
import { hostAllowed } from './host-allowed';

// Letters of other scripts and digits that pass for Latin letters at a glance.
const CONFUSABLE: Readonly<Record<string, string>> = {
  а: 'a', в: 'b', е: 'e', ё: 'e', к: 'k', м: 'm', н: 'h', о: 'o', р: 'p', с: 'c', т: 't', у: 'y', х: 'x',
  і: 'i', ј: 'j', ѕ: 's', ԁ: 'd', ԛ: 'q', ԝ: 'w', ɡ: 'g', α: 'a', β: 'b', ε: 'e', ι: 'i', κ: 'k', ν: 'v',
  ο: 'o', ρ: 'p', τ: 't', υ: 'u', χ: 'x', '0': 'o', '1': 'l', '3': 'e', '5': 's',
};

/** Cyrillic and Greek look-alikes replaced by the Latin letters they pass for. */
export function latinise(host: string): string {
  return Array.from(host.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase(), (ch) =>
    /\d/.test(ch) ? ch : (CONFUSABLE[ch] ?? ch),
  ).join('');
}

/** The Latin-only shape a host has on screen, digits and letter pairs included. */
export function skeleton(host: string): string {
  return Array.from(latinise(host), (ch) => CONFUSABLE[ch] ?? ch)
    .join('')
    .replace(/rn/g, 'm')
    .replace(/vv/g, 'w')
    .replace(/i/g, 'l');
}

function distance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row.push(Math.min((prev[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1)));
    }
    prev = row;
  }
  return prev[b.length] ?? 0;
}

/** The last labels of `host`, as many as `base` has. */
function tail(host: string, base: string): string {
  return host.split('.').slice(-base.split('.').length).join('.');
}

function imitates(written: string, entry: string): boolean {
  const base = entry.toLowerCase().replace(/^\*\./, '').replace(/:\d+$/, '');
  const h = written.toLowerCase();
  const dotted = h.replace(/-/g, '.');
  if (dotted.startsWith(`${base}.`) || dotted.includes(`.${base}.`) || dotted.endsWith(`.${base}`)) return true;
  const shape = skeleton(h);
  const baseShape = skeleton(base);
  if (hostAllowed(shape, [skeleton(entry)])) return true;
  const slack = baseShape.length >= 10 ? 2 : 1;
  return distance(tail(shape, baseShape), baseShape) <= slack;
}

/** The allowed entry `written` passes itself off as, if any. */
export function imitatedHost(written: string, allowed: readonly string[]): string | undefined {
  return allowed.find((entry) => imitates(written, entry));
}
