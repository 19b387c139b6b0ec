import { join } from 'node:path';
import { CONSOLE_API } from '../../core/console/contract';
import { EnrolReply, enrolSigned, type EnrolRequest } from '../../core/fleet/enrolment';
import { err, errorMessage, ok, type Result } from '../../core/result';
import { writeFileAtomic } from '../atomic-file';
import { signBytes } from '../signing/ed25519';
import { decodeEnrol, keyFingerprint } from './enrol-value';
import { JOINED_CONFIG_FILE, loadOrCreateIdentity } from './screen-identity';

export interface Joined {
  readonly screenId: string;
  readonly configPath: string;
}

/** The console's reply: an error sentence, or the screen's config. */
async function answer(response: Response): Promise<Result<EnrolReply>> {
  const body = (await response.json().catch(() => undefined)) as { error?: unknown } | undefined;
  if (!response.ok) return err(typeof body?.error === 'string' ? body.error : `the console answered HTTP ${response.status}`);
  const parsed = EnrolReply.safeParse(body);
  return parsed.success ? ok(parsed.data) : err('the console\'s answer is not a screen config');
}

/** The config must carry the key the enrolment value pinned: else this is not the console that made the token. */
function pinned(reply: EnrolReply, fp: string): boolean {
  const feeds = reply.config.feeds as { publicKey?: unknown } | undefined;
  const fleet = reply.config.fleet as { publicKey?: unknown } | undefined;
  const keys = [feeds?.publicKey, fleet?.publicKey].filter((k): k is string => typeof k === 'string');
  return keys.length > 0 && keys.every((k) => keyFingerprint(k) === fp);
}

/**
 * `kiosk serve --enrol <value>`: makes (or reuses) this screen's key pair, redeems the token
 * at the console with a signature proving it holds the key, and keeps the config it gets in
 * the data folder, so later starts need no token.
 */
export async function joinWithToken(value: string, dataDir: string, name?: string, fetcher: typeof fetch = fetch): Promise<Result<Joined>> {
  const decoded = decodeEnrol(value);
  if (!decoded.ok) return decoded;
  const { url, token, fp } = decoded.value;
  const identity = await loadOrCreateIdentity(dataDir);
  const request: EnrolRequest = {
    token, publicKey: identity.publicKeyBase64, signature: signBytes(Buffer.from(enrolSigned(token, identity.publicKeyBase64)), identity.privateKey),
    ...(name ? { name } : {}),
  };
  let reply: Result<EnrolReply>;
  try {
    reply = await answer(await fetcher(new URL(`${CONSOLE_API}/enrol`, url), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(request) }));
  } catch (e) {
    return err(`could not reach the console at ${url}: ${errorMessage(e)}`);
  }
  if (!reply.ok) return err(`the console refused to enrol this screen: ${reply.error}`);
  if (!pinned(reply.value, fp)) return err(`the console at ${url} does not hold the key this enrolment value names: not joining`);
  const configPath = join(dataDir, JOINED_CONFIG_FILE);
  await writeFileAtomic(configPath, `${JSON.stringify(reply.value.config, null, 2)}\n`, 0o600);
  return ok({ screenId: reply.value.screenId, configPath });
}
