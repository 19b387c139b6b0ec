import { err, ok, type Result } from '../result';
import { hostAllowed } from '../policy/contacts';
import { classifyAddress } from './address-class';

export interface UrlRules {
  /** Plain http allowed (the source's `allowHttp`). */
  readonly allowHttp: boolean;
  /** Empty: any host. */
  readonly allowedHosts: readonly string[];
  /** Hosts that may be on a loopback, private, link-local or other non-public address. */
  readonly privateHosts?: readonly string[];
}

/** Why an address may not be fetched from, or undefined when it may. */
export function addressRefusal(host: string, address: string, privateHosts: readonly string[] = []): string | undefined {
  const kind = classifyAddress(address);
  if (kind === undefined || kind === 'public' || hostAllowed(host, privateHosts)) return undefined;
  const via = host === address ? host : `${host} resolves to ${address}, which`;
  return `${via} is a ${kind} address: refused unless ${host} is listed in privateHosts`;
}

/** Whether the client may request this URL at all. */
export function checkUrl(raw: string, rules: UrlRules): Result<URL> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return err(`not a URL: ${raw.slice(0, 200)}`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return err(`scheme ${url.protocol} is not allowed`);
  if (url.protocol === 'http:' && !rules.allowHttp) return err(`plain http is not allowed for ${url.host} (https only)`);
  if (url.username || url.password) return err('URLs with credentials are not allowed');
  if (rules.allowedHosts.length > 0 && !hostAllowed(url.hostname, rules.allowedHosts)) {
    return err(`host ${url.hostname} is not in allowedHosts`);
  }
  // Literal addresses are never looked up, so they are judged here; names after DNS (http-client).
  const bare = url.hostname.replace(/^\[|\]$/g, '');
  const refused = addressRefusal(bare, bare, rules.privateHosts);
  if (refused) return err(refused);
  return ok(url);
}

/** A redirect is followed only to an allowed URL, and never from https down to http. */
export function checkRedirect(from: URL, location: string, rules: UrlRules): Result<URL> {
  let target: URL;
  try {
    target = new URL(location, from);
  } catch {
    return err(`redirect to an unreadable location: ${location.slice(0, 200)}`);
  }
  if (from.protocol === 'https:' && target.protocol === 'http:') {
    return err(`redirect from https to http refused (${target.host})`);
  }
  return checkUrl(target.href, rules);
}
