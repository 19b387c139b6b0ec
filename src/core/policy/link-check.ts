/** Whether a found link may stay on screen, and if not, a reason that names it. */
import type { FoundLink } from './links';
import { hostAllowed } from './host-allowed';
import { imitatedHost } from './look-alike';

// Shorteners hide where a link goes; refused even under a wildcard unless listed by name.
const SHORTENERS: ReadonlySet<string> = new Set([
  't.cn', 'url.cn', 'dwz.cn', 'suo.im', 'suo.nz', 'mrw.so', 'rrd.me', 'u.nu', 'bit.ly', 'tinyurl.com', 'goo.gl',
  't.co', 'ow.ly', 'is.gd', 'v.gd', 'buff.ly', 'rebrand.ly', 'cutt.ly', 'shorturl.at', 'tiny.cc', 'rb.gy', 't.ly',
  'reurl.cc', 'pse.is', 'lihi.cc', 'lihi1.cc', 'ppt.cc', '0rz.tw', 'tinyurl.tw', 'bit.do', 's.id', 'kutt.it', 'x.gd',
  'qr.net', 'tr.im', 'short.io', 'dub.sh', 'soo.gd', 'clck.ru', 'sohu.gg', '985.so', 'xhslink.com', 'b23.tv',
]);

function registrable(host: string): string {
  return host.split('.').slice(-2).join('.');
}

function isShortener(host: string, allowed: readonly string[]): boolean {
  const listed = allowed.some((e) => e.toLowerCase() === host);
  return !listed && (SHORTENERS.has(host) || SHORTENERS.has(registrable(host)));
}

function describe(link: FoundLink): string {
  return link.kind === 'email' ? `e-mail address "${link.text}"` : `link "${link.text}"`;
}

export function linkProblem(link: FoundLink, allowed: readonly string[]): string | undefined {
  if (link.kind === 'url' && link.scheme !== 'https' && link.scheme !== 'http') {
    return `${describe(link)} is not a web link`;
  }
  const host = link.host;
  if (!host) return `${describe(link)} has no readable host`;
  if (isShortener(host, allowed)) return `link shortener "${link.text}" hides where it leads`;
  if (hostAllowed(host, allowed) && (!link.isIp || allowed.some((e) => e === host))) return undefined;
  if (link.isIp) return `${describe(link)} points at the IP address ${host}`;
  const imitated = imitatedHost(link.written, allowed);
  if (imitated) return `${describe(link)} imitates allowed host "${imitated}"`;
  return `${describe(link)} is not on allowedLinkHosts`;
}
