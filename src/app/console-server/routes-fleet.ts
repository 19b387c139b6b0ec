import type { Hono } from 'hono';
import { err, ok } from '../../core/result';
import type { AdminRouteDeps } from './routes-admin';
import { route } from './route';

export type FleetRouteDeps = AdminRouteDeps;

const off = { code: 'not-found', message: 'the fleet channel is off: the console runs without a broker' } as const;

/** The dashboard's view and actions: every one checks the role on the server (see the contract). */
export function fleetRoutes(app: Hono, d: FleetRouteDeps): void {
  route(app, d, 'fleet', async () => {
    const f = d.fleet;
    if (!f) return ok({ enabled: false, broker: '', screens: [], alerts: [], problems: [] });
    const refused = f.fleet.refusedUploads();
    const byReason = f.fleet.refusedByReason();
    const screens = f.fleet.screens().map(({ screenshot, applied, ...row }) => ({
      ...row,
      acks: { ...row.acks },
      ...(applied ? { applied: { ...applied, alertIds: [...applied.alertIds] } } : {}),
      ...(screenshot ? { screenshot: { seq: screenshot.seq, at: screenshot.at } } : {}),
      refusedUploads: refused.get(row.screenId) ?? 0,
      refusedByReason: { ...byReason.get(row.screenId) },
    }));
    return ok({ enabled: true, broker: f.brokerUrl, screens, alerts: [...f.fleet.alerts()], problems: f.fleet.problems().map((p) => ({ ...p })) });
  });
  route(app, d, 'fleetAlert', async ({ body, account }) => {
    if (!d.fleet) return err(off);
    const now = d.now();
    const id = `a${now.getTime().toString(36)}`;
    const expires = new Date(now.getTime() + body.minutes * 60_000).toISOString();
    const seq = await d.fleet.fleet.raiseAlert({ id, text: body.text, level: body.level, start: now.toISOString(), expires, target: body.target });
    await d.data.audit.append({ actor: account.username, action: 'fleet-alert', target: id, detail: `${body.level} ${body.minutes} min to ${JSON.stringify(body.target)}: ${body.text}` });
    return ok({ seq });
  });
  route(app, d, 'fleetClear', async ({ params, account }) => {
    if (!d.fleet) return err(off);
    const seq = await d.fleet.fleet.clearAlert(params.id ?? '');
    await d.data.audit.append({ actor: account.username, action: 'fleet-clear', target: params.id ?? '', detail: '' });
    return ok({ seq });
  });
  route(app, d, 'fleetCommand', async ({ body, account }) => {
    if (!d.fleet) return err(off);
    const seq = await d.fleet.fleet.command(body.command, body.target);
    await d.data.audit.append({ actor: account.username, action: 'fleet-command', target: JSON.stringify(body.target), detail: body.command });
    return ok({ seq });
  });
  route(app, d, 'fleetScreenshot', async ({ params }) => {
    const shot = d.fleet?.fleet.screens().find((r) => r.screenId === params.id)?.screenshot;
    return shot ? ok(shot) : err({ code: 'not-found', message: `no screenshot from "${params.id ?? ''}" yet` });
  });
}
