import { join } from 'node:path';
import { z } from 'zod';
import { checkLocalAlert } from '../core/alerts/local-alert';
import type { AlertRequest } from '../core/api/contract';
import { AlertItem } from '../core/model/content';
import type { PolicyConfig } from '../core/policy/content-policy';
import type { Result } from '../core/result';
import { isAlertActive } from '../core/schedule';
import { writeFileAtomic } from './atomic-file';
import { readJsonAs } from './json-file';

const AlertFile = z.object({ alerts: z.array(AlertItem) });

export interface AlertStore {
  list(): readonly AlertItem[];
  /** Refused with the content policy's reason when the text may not reach the screen. */
  raise(request: AlertRequest): Promise<Result<AlertItem>>;
  clear(): Promise<void>;
}

/** Alerts raised on this machine, kept on disk so an active one survives a restart. */
export async function openAlertStore(opts: {
  readonly dataDir: string;
  readonly now: () => Date;
  readonly log: (line: string) => void;
  readonly onChange: () => void;
  readonly policy: PolicyConfig;
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
      const checked = checkLocalAlert(request, `local-${now.getTime().toString(36)}-${(counter++).toString(36)}`, now, opts.policy);
      if (!checked.ok) {
        opts.log(`alert refused: ${checked.error}`);
        return checked;
      }
      const alert = checked.value;
      alerts = [...alerts, alert];
      await save();
      opts.log(`alert raised (${alert.level}, until ${alert.expires}): ${alert.text}`);
      return checked;
    },
    async clear() {
      alerts = [];
      await save();
      opts.log('alerts cleared');
    },
  };
}
