import type { z } from 'zod';
import { join } from 'node:path';
import { CONSOLE_API } from '../../core/console/contract';
import { pairSigned, PairStarted, PairState, type PairRequest } from '../../core/fleet/pairing';
import { err, errorMessage, ok, type Result } from '../../core/result';
import { writeFileAtomic } from '../atomic-file';
import { signBytes } from '../signing/ed25519';
import { JOINED_CONFIG_FILE, type ScreenIdentity } from './screen-identity';

function signed(identity: ScreenIdentity, purpose: 'start' | 'exchange', now: Date): PairRequest {
  const at = now.toISOString();
  return { publicKey: identity.publicKeyBase64, at, signature: signBytes(Buffer.from(pairSigned(purpose, at, identity.publicKeyBase64)), identity.privateKey) };
}

async function post<T>(consoleUrl: string, path: string, body: unknown, parse: (json: unknown) => T | undefined): Promise<Result<T>> {
  try {
    const response = await fetch(new URL(`${CONSOLE_API}${path}`, consoleUrl), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const json = (await response.json().catch(() => undefined)) as { error?: unknown } | undefined;
    if (!response.ok) return err(typeof json?.error === 'string' ? json.error : `the console answered HTTP ${response.status}`);
    const value = parse(json);
    return value === undefined ? err('the console\'s answer is not readable') : ok(value);
  } catch (e) {
    return err(`could not reach the console at ${consoleUrl}: ${errorMessage(e)}`);
  }
}

/** Asks the console for a pairing code for this screen's key. */
export const askCode = (consoleUrl: string, identity: ScreenIdentity, now: Date): Promise<Result<z.infer<typeof PairStarted>>> =>
  post(consoleUrl, '/pair', signed(identity, 'start', now), (j) => PairStarted.safeParse(j).data);

/** Where the pairing stands: still waiting for an admin, or the config (kept in the data folder, 0600). */
export async function pollPairing(consoleUrl: string, identity: ScreenIdentity, dataDir: string, now: Date): Promise<Result<PairState & { configPath?: string }>> {
  const state = await post(consoleUrl, '/pair/state', signed(identity, 'exchange', now), (j) => PairState.safeParse(j).data);
  if (!state.ok || state.value.state !== 'joined') return state;
  const configPath = join(dataDir, JOINED_CONFIG_FILE);
  await writeFileAtomic(configPath, `${JSON.stringify(state.value.reply.config, null, 2)}\n`, 0o600);
  return ok({ ...state.value, configPath });
}
