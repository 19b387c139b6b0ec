import type { Hono } from 'hono';
import { enrolSigned } from '../../core/fleet/enrolment';
import { err, errorMessage, ok } from '../../core/result';
import { parsePublicKey, verifyBytes } from '../../node/signing/ed25519';
import type { AdminRouteDeps } from './routes-admin';
import { route } from './route';
import { screenConfig } from './screen-config';

const off = { code: 'not-found', message: 'this console runs without the fleet channel: screens cannot join it' } as const;

/** Screens joining: bulk enrolment tokens (docs/fleet.md, "Joining screens"). */
export function joinRoutes(app: Hono, d: AdminRouteDeps): void {
  route(app, d, 'enrol', async ({ body }) => {
    const fleet = d.fleet;
    if (!fleet) return err(off);
    const key = parsePublicKey(body.publicKey);
    if (!key.ok) return err({ code: 'invalid', message: `the screen's ${key.error}` });
    if (!verifyBytes(Buffer.from(enrolSigned(body.token, body.publicKey)), body.signature, key.value)) {
      return err({ code: 'forbidden', message: 'the enrolment request is not signed by the key it carries' });
    }
    try {
      const redeemed = await fleet.tokens.redeem(body.token, d.now(), async (groupId) => {
        const group = d.data.settings.groups().find((g) => g.id === groupId);
        if (!group) throw new Error(`the token's screen group "${groupId}" no longer exists`);
        const joined = await fleet.registry.add({ ...(body.name ? { name: body.name } : {}), group: group.id, publicKey: body.publicKey, via: 'token' });
        return { screenId: joined.record.screenId, group, joined };
      });
      if (!redeemed.ok) return err({ code: 'forbidden', message: redeemed.error.message });
      const { screenId, group, joined } = redeemed.value;
      await d.data.audit.append({ actor: `screen:${screenId}`, action: 'screen-enrol', target: screenId, detail: `group ${group.id}, by token` });
      const { config } = screenConfig(d.data, fleet, group, { screenId, brokerUser: joined.brokerUser, brokerSecret: joined.brokerSecret });
      return ok({ screenId, config: config as Record<string, unknown> });
    } catch (e) {
      return err({ code: 'conflict', message: errorMessage(e) });
    }
  });
}
