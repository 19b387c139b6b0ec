import { readFileSync } from 'node:fs';
import mqtt, { type IClientOptions, type MqttClient } from 'mqtt';
import { fullJitterMs } from '../../core/fleet/backoff';
import type { FleetSettings } from '../../core/model/fleet-config';

export interface ConnectionOptions {
  readonly settings: Pick<FleetSettings, 'broker' | 'username' | 'password' | 'caFile' | 'certFile' | 'keyFile' | 'keepaliveSeconds'>;
  readonly clientId: string;
  readonly will?: IClientOptions['will'];
  readonly random: () => number;
  readonly onConnect: (client: MqttClient) => void;
  readonly log: (line: string) => void;
  /** Back-off window: the first retry lands within 2 s, later ones within up to a minute. */
  readonly baseMs?: number;
  readonly capMs?: number;
}

export interface Connection {
  readonly client: MqttClient;
  connected(): boolean;
  close(): Promise<void>;
}

function tlsFiles(settings: ConnectionOptions['settings']): Partial<IClientOptions> {
  const read = (file: string | undefined): Buffer | undefined => (file ? readFileSync(file) : undefined);
  const ca = read(settings.caFile);
  const cert = read(settings.certFile);
  const key = read(settings.keyFile);
  return { ...(ca ? { ca } : {}), ...(cert ? { cert } : {}), ...(key ? { key } : {}) };
}

/**
 * One MQTT connection that reconnects with full-jitter back-off instead of MQTT.js's fixed
 * period, so that a fleet does not reconnect in step after a broker restart.
 */
export function openConnection(opts: ConnectionOptions): Connection {
  const { settings } = opts;
  let attempt = 0;
  let timer: NodeJS.Timeout | undefined;
  let closing = false;
  const client = mqtt.connect(settings.broker, {
    clientId: opts.clientId,
    keepalive: settings.keepaliveSeconds,
    reconnectPeriod: 0,
    connectTimeout: 10_000,
    clean: true,
    ...(settings.username !== undefined ? { username: settings.username } : {}),
    ...(settings.password !== undefined ? { password: settings.password } : {}),
    ...(opts.will ? { will: opts.will } : {}),
    ...tlsFiles(settings),
  });
  client.on('connect', () => {
    attempt = 0;
    opts.onConnect(client);
  });
  client.on('error', (error) => opts.log(`fleet: ${error.message}`));
  client.on('close', () => {
    if (closing || timer) return;
    const delay = fullJitterMs(attempt++, opts.baseMs ?? 2000, opts.capMs ?? 60_000, opts.random());
    timer = setTimeout(() => {
      timer = undefined;
      if (!closing) client.reconnect();
    }, delay);
    timer.unref?.();
  });
  return {
    client,
    connected: () => client.connected,
    async close() {
      closing = true;
      if (timer) clearTimeout(timer);
      await client.endAsync(true).catch(() => undefined);
    },
  };
}
