import { dirname } from 'node:path';
import type { Hono } from 'hono';
import type { Account } from '../../core/console/formats';
import { err, ok } from '../../core/result';
import { mayWriteBundle, writeConsoleBundle } from '../../node/bundle/console-bundle';
import { importReturns } from '../../node/bundle/import-returns';
import { listSticks } from '../../node/bundle/sticks';
import type { AdminRouteDeps } from './routes-admin';
import { route } from './route';

export interface UsbRouteDeps extends AdminRouteDeps {
  /** Removable-media roots to look under, and folders that count as sticks themselves (`--usb`). */
  readonly usb: { readonly removable: readonly string[]; readonly explicit: readonly string[] };
}

const forbidden = { code: 'forbidden', message: 'USB sticks need the publisher or admin role' } as const;
const actorOf = (a: Account) => ({ username: a.username, roles: a.roles });

/** Only a stick the server lists itself may be written to: the browser never names an arbitrary folder. */
async function knownStick(d: UsbRouteDeps, path: string): Promise<boolean> {
  return (await listSticks(d.usb.removable, d.usb.explicit)).some((s) => s.path === path);
}

/** "Write to USB" and the returns import: both roles checked here, on the server, and audited. */
export function usbRoutes(app: Hono, d: UsbRouteDeps): void {
  route(app, d, 'usbSticks', async ({ account }) => {
    if (!mayWriteBundle(actorOf(account))) return err(forbidden);
    return ok(await listSticks(d.usb.removable, d.usb.explicit));
  });
  route(app, d, 'usbWrite', async ({ account, body }) => {
    if (!mayWriteBundle(actorOf(account))) return err(forbidden);
    if (!(await knownStick(d, body.path))) return err({ code: 'not-found', message: `no USB stick at ${body.path}` });
    const written = await writeConsoleBundle(d.data, actorOf(account), body.path, d.now());
    return written.ok ? ok({ version: written.value.version, files: written.value.files, bytes: written.value.bytes }) : err({ code: 'invalid', message: written.error });
  });
  route(app, d, 'usbImport', async ({ account, body }) => {
    if (!mayWriteBundle(actorOf(account))) return err(forbidden);
    if (!(await knownStick(d, body.path))) return err({ code: 'not-found', message: `no USB stick at ${body.path}` });
    const imported = await importReturns(body.path, dirname(d.data.paths.published), d.fleet?.intake);
    const records = imported.reduce((n, s) => n + s.records, 0);
    await d.data.audit.append({ actor: account.username, action: 'import-usb-returns', target: body.path, detail: `${imported.length} screens, ${records} records` });
    return ok(imported.map((s) => ({
      screenId: s.screenId, records: s.records, problems: s.problems.map((p) => p.message),
      outcome: s.status?.outcome ?? null, reason: s.status?.refusal?.reason ?? null,
    })));
  });
}
