import type { Context, Hono } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';
import { normalizeCode, PAIR_SKEW_MS, pairSigned, type PairRequest } from '../../core/fleet/pairing';
import { err, errorMessage, ok, type Result } from '../../core/result';
import type { Failure } from '../../core/console/workflow';
import { createPairingStore } from '../../node/fleet/pairing-store';
import { parsePublicKey, verifyBytes } from '../../node/signing/ed25519';
import type { AdminRouteDeps } from './routes-admin';
import { route } from './route';
import { screenConfig } from './screen-config';

const off = { code: 'not-found', message: 'this console runs without the fleet channel: screens cannot join it' } as const;

function addressOf(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

/** A request signed by the key it names, fresh, and newer than the last one from that key (no replay). */
function signedBy(body: PairRequest, purpose: 'start' | 'exchange', nowMs: number, last: Map<string, number>): Result<true, Failure> {
  const key = parsePublicKey(body.publicKey);
  if (!key.ok) return err({ code: 'invalid', message: `the screen's ${key.error}` });
  const atMs = Date.parse(body.at);
  if (Math.abs(atMs - nowMs) > PAIR_SKEW_MS) return err({ code: 'forbidden', message: 'the request\'s time is more than 2 minutes off the console\'s clock: set the screen\'s clock' });
  if (!verifyBytes(Buffer.from(pairSigned(purpose, body.at, body.publicKey)), body.signature, key.value)) return err({ code: 'forbidden', message: 'the request is not signed by the key it carries' });
  if (atMs <= (last.get(`${purpose} ${body.publicKey}`) ?? -Infinity)) return err({ code: 'forbidden', message: 'this request was sent before (replayed)' });
  last.set(`${purpose} ${body.publicKey}`, atMs);
  return ok(true);
}

/** Pairing codes (docs/fleet.md, "Joining screens"): start and state are the screen's, claim the admin's. */
export function pairRoutes(app: Hono, d: AdminRouteDeps): void {
  const pairing = createPairingStore();
  const last = new Map<string, number>();
  route(app, d, 'pairStart', async ({ body, c }) => {
    if (!d.fleet) return err(off);
    const now = d.now().getTime();
    const signed = signedBy(body, 'start', now, last);
    if (!signed.ok) return signed;
    const started = pairing.start(body.publicKey, addressOf(c), now);
    if (!started.ok) return err({ code: 'forbidden', message: started.error });
    return ok({ code: started.value.code, expires: new Date(started.value.expiresMs).toISOString() });
  });
  route(app, d, 'pairState', async ({ body }) => {
    const now = d.now().getTime();
    const signed = signedBy(body, 'exchange', now, last);
    if (!signed.ok) return signed;
    const state = pairing.state(body.publicKey, now);
    return state ? ok(state) : err({ code: 'not-found', message: 'no pairing for this screen (its code expired): ask for a new one' });
  });
  route(app, d, 'pairClaim', async ({ body, c, account }) => {
    const fleet = d.fleet;
    if (!fleet) return err(off);
    const group = d.data.settings.groups().find((g) => g.id === body.group);
    if (!group) return err({ code: 'not-found', message: `no screen group "${body.group}"` });
    const code = normalizeCode(body.code);
    const taken = code ? pairing.take(code, addressOf(c), d.now().getTime()) : undefined;
    if (!code || !taken?.ok) return err({ code: 'not-found', message: taken && !taken.ok ? taken.error : 'a pairing code is 8 letters and digits, as the screen shows it' });
    try {
      const joined = await fleet.registry.add({ name: body.name, group: group.id, publicKey: taken.value.publicKey, via: 'pairing' });
      const screenId = joined.record.screenId;
      const { config } = screenConfig(d.data, fleet, group, { screenId, brokerUser: joined.brokerUser, brokerSecret: joined.brokerSecret });
      pairing.fulfil(code, { screenId, config: config as Record<string, unknown> });
      await d.data.audit.append({ actor: account.username, action: 'screen-pair', target: screenId, detail: `group ${group.id}, name ${body.name}` });
      return ok({ screenId });
    } catch (e) {
      return err({ code: 'conflict', message: errorMessage(e) });
    }
  });
  route(app, d, 'revokeScreen', async ({ params, account }) => {
    if (!d.fleet) return err(off);
    const done = await d.fleet.revoke(params.id ?? '');
    if (!done) return err({ code: 'not-found', message: `no joined screen "${params.id ?? ''}"` });
    await d.data.audit.append({ actor: account.username, action: 'screen-revoke', target: params.id ?? '', detail: '' });
    return ok({ ok: true as const });
  });
}
