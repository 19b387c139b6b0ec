import { join } from 'node:path';
import { z } from 'zod';
import type { AlertRequest } from '../core/api/contract';
import { AlertItem } from '../core/model/content';
import { isAlertActive } from '../core/schedule';
import { writeFileAtomic } from './atomic-file';
import { readJsonAs } from './json-file';

const AlertFile = z.object({ alerts: z.array(AlertItem) });

export interface AlertStore {
  list(): readonly AlertItem[];
  raise(request: AlertRequest): Promise<AlertItem>;
  clear(): Promise<void>;
}

/** Alerts raised on this machine, kept on disk so an active one survives a restart. */
export async function openAlertStore(opts: {
  readonly dataDir: string;
  readonly now: () => Date;
  readonly log: (line: string) => void;
  readonly onChange: () => void;
}): Promise<AlertStore> {
  const file = join(opts.dataDir, 'alerts.json');
  const loaded = await readJsonAs(file, AlertFile);
  if (!loaded.ok && !loaded.error.some((e) => e.includes('ENOENT'))) {
    opts.log(`alerts: ${loaded.error.join('; ')}; starting without local alerts`);
  }
  let alerts: AlertItem[] = loaded.ok ? loaded.value.alerts : [];
  let counter = 0;
  const save = async (): Promise<void> => {
    alerts = alerts.filter((a) => isAlertActive(a, opts.now()) || Date.parse(a.starts) > opts.now().getTime());
    await writeFileAtomic(file, JSON.stringify({ alerts }, null, 2));
    opts.onChange();
  };
  return {
    list: () => alerts,
    async raise(request) {
      const now = opts.now();
      const alert: AlertItem = {
        kind: 'alert',
        id: `local-${now.getTime().toString(36)}-${(counter++).toString(36)}`,
        text: request.text,
        level: request.level,
        starts: now.toISOString(),
        expires: new Date(now.getTime() + request.minutes * 60_000).toISOString(),
      };
      alerts = [...alerts, alert];
      await save();
      opts.log(`alert raised (${alert.level}, until ${alert.expires}): ${alert.text}`);
      return alert;
    },
    async clear() {
      alerts = [];
      await save();
      opts.log('alerts cleared');
    },
  };
}
