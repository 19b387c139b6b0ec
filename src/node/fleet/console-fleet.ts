import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { KeyObject } from 'node:crypto';
import { z } from 'zod';
import { createNotifier } from '../../core/notifier';
import { presenceOf, type Presence } from '../../core/fleet/presence';
import { FleetAlert, type FleetCommand, type FleetMessage, type MessageTarget } from '../../core/fleet/signed-message';
import { parseTopic, ScreenEvent, ScreenStatus, topicFilter, topicFor } from '../../core/fleet/topics';
import type { FleetSettings } from '../../core/model/fleet-config';
import { writeFileAtomic } from '../atomic-file';
import { sealMessage } from './envelope';
import { openConnection } from './mqtt-connection';
import type { PlaysRefusal } from '../../core/fleet/plays-signed';
import type { PlayIntake, RegisteredScreen } from './play-intake';
import { MAX_PACKET_BYTES } from './packet-size';

export interface ScreenRow {
  readonly screenId: string;
  readonly presence: Presence;
  readonly lastSeen: string;
  readonly status: ScreenStatus;
  /** Command results by sequence number. */
  readonly acks: Readonly<Record<number, { result: string; at: string; detail?: string }>>;
  /** The newest alert set this screen applied. */
  readonly applied?: { seq: number; at: string; alertIds: readonly string[] };
  readonly screenshot?: { seq: number; at: string; jpegBase64: string };
}

/** Something on the console's side of the fleet that failed: logged, and listed on the dashboard. */
export interface FleetProblem {
  readonly at: string;
  readonly what: string;
  readonly message: string;
}

export interface FleetConsole {
  screens(): ScreenRow[];
  /** The newest problems, at most 50, oldest first. */
  problems(): readonly FleetProblem[];
  /** Play uploads refused per screen (malformed, forged, replayed…). */
  refusedUploads(): ReadonlyMap<string, number>;
  /** The same, per screen and reason. */
  refusedByReason(): ReadonlyMap<string, Partial<Record<PlaysRefusal, number>>>;
  alerts(): readonly FleetAlert[];
  /** Publishes the alert set with this alert added (or replaced); returns the set's sequence number. */
  raiseAlert(alert: FleetAlert): Promise<number>;
  clearAlert(id: string): Promise<number>;
  command(command: FleetCommand, target: MessageTarget): Promise<number>;
  /** A revoked screen sends no last will (its account is cut off): the console records it offline itself. */
  markOffline(screenId: string): Promise<void>;
  onChange(listener: () => void): () => void;
  close(): Promise<void>;
}

export interface FleetConsoleOptions {
  readonly settings: Pick<FleetSettings, 'broker' | 'prefix' | 'username' | 'password' | 'caFile' | 'certFile' | 'keyFile' | 'keepaliveSeconds' | 'heartbeatSeconds'>;
  /** Read at each send: the console's signing key may be replaced. */
  readonly privateKey: () => KeyObject;
  readonly dataDir: string;
  readonly now: () => Date;
  readonly log: (line: string) => void;
  /** Where uploaded play records go; without it, uploads are not taken. */
  readonly intake?: PlayIntake;
  /** The registry's word on the screen a plays topic names: its key checks the upload's signature. */
  readonly screenKey?: (screenId: string) => RegisteredScreen | undefined;
}

const Saved = z.strictObject({ seq: z.number().int().nonnegative(), alerts: z.array(FleetAlert) });
type Saved = z.infer<typeof Saved>;

async function loadSaved(file: string): Promise<Saved> {
  try {
    const parsed = Saved.safeParse(JSON.parse(await readFile(file, 'utf8')));
    if (parsed.success) return parsed.data;
  } catch {
    // First start.
  }
  return { seq: 0, alerts: [] };
}

interface Row {
  status: ScreenStatus;
  lastSeenMs: number;
  acks: Record<number, { result: string; at: string; detail?: string }>;
  applied?: ScreenRow['applied'];
  screenshot?: ScreenRow['screenshot'];
}

function record(rows: Map<string, Row>, topic: string, payload: Buffer, prefix: string, nowMs: number): boolean {
  const parsed = parseTopic(prefix, topic);
  if (!parsed?.screen) return false;
  let json: unknown;
  try {
    json = JSON.parse(payload.toString('utf8'));
  } catch {
    return false;
  }
  if (parsed.name === 'status') {
    const status = ScreenStatus.safeParse(json);
    if (!status.success || status.data.screenId !== parsed.screen) return false;
    const row = rows.get(parsed.screen);
    // The last will says only "offline": the dashboard keeps what the screen last reported beside it.
    const merged = status.data.online || !row ? status.data : { ...row.status, ...status.data };
    rows.set(parsed.screen, { acks: {}, ...row, status: merged, lastSeenMs: status.data.online ? nowMs : (row?.lastSeenMs ?? nowMs) });
    return true;
  }
  const event = ScreenEvent.safeParse(json);
  const row = rows.get(parsed.screen);
  if (parsed.name !== 'events' || !event.success || !row || event.data.screenId !== parsed.screen) return false;
  row.lastSeenMs = nowMs;
  const e = event.data;
  if (e.type === 'ack') row.acks[e.seq] = { result: e.result, at: e.at, ...(e.detail ? { detail: e.detail } : {}) };
  else if (e.type === 'alerts-applied') row.applied = { seq: e.seq, at: e.at, alertIds: e.alertIds };
  else row.screenshot = { seq: e.seq, at: e.at, jpegBase64: e.jpegBase64 };
  return true;
}

/** The console's side: every screen's status and answers in, signed alerts and commands out. */
export async function startFleetConsole(opts: FleetConsoleOptions): Promise<FleetConsole> {
  const file = join(opts.dataDir, 'fleet-console.json');
  let saved = await loadSaved(file);
  const rows = new Map<string, Row>();
  const problems: FleetProblem[] = [];
  const failed = (what: string, error: unknown): void => {
    const message = error instanceof Error ? error.message : String(error);
    opts.log(`fleet: ${what}: ${message}`);
    problems.push({ at: opts.now().toISOString(), what, message: message.slice(0, 500) });
    problems.splice(0, Math.max(0, problems.length - 50));
  };
  const changes = createNotifier((e) => failed('a dashboard listener failed', e));
  const changed = (): void => changes.notify();
  const prefix = opts.settings.prefix;
  const connection = openConnection({
    settings: { ...opts.settings, username: opts.settings.username ?? 'console' },
    clientId: `console-${process.pid}-${Math.floor(Math.random() * 1e9)}`,
    random: Math.random,
    log: opts.log,
    baseMs: 250,
    capMs: 5000,
    onConnect: (client) => {
      const filters = [topicFilter(prefix, 'status'), topicFilter(prefix, 'events')];
      client.subscribe(opts.intake ? [...filters, topicFilter(prefix, 'plays')] : filters, { qos: 1 });
      // A restarted broker may have lost its retained messages: the console's copy is the truth.
      if (saved.alerts.length > 0) void publishAlerts(saved.alerts).catch((e: unknown) => failed('sending the alert set again after a reconnect', e));
    },
  });
  connection.client.on('message', (topic, payload) => {
    const parsed = parseTopic(prefix, topic);
    if (parsed?.name === 'plays' && parsed.screen && opts.intake) {
      // The ack's publish fails if the connection closes meanwhile: the screen sends the chunk again later.
      takePlays(opts.intake, parsed.screen, payload).catch((e: unknown) => failed(`storing a play upload from ${parsed.screen}`, e));
    }
    else if (record(rows, topic, payload, prefix, opts.now().getTime())) changed();
  });
  const takePlays = async (intake: PlayIntake, screen: string, payload: Buffer): Promise<void> => {
    // An external broker may allow larger messages than the embedded one: the intake refuses them unread.
    const taken = await intake.takeUpload(screen, payload, opts.screenKey?.(screen), MAX_PACKET_BYTES);
    if (taken.kind === 'refused') {
      opts.log(`fleet: play upload from ${screen} refused: ${taken.problem.message}`);
      return changed();
    }
    for (const p of taken.problems) opts.log(`fleet: play log of ${p.screenId}, ${p.file}, seq ${p.seq}: ${p.message}`);
    await connection.client.publishAsync(topicFor(prefix, 'playsAck', { screen })!, JSON.stringify(taken.ack), { qos: 1, retain: true });
    changed();
  };
  const nextSeq = (): number => Math.max(saved.seq + 1, opts.now().getTime());
  const publish = async (topic: string, message: FleetMessage, retain: boolean): Promise<void> => {
    await connection.client.publishAsync(topic, sealMessage(message, opts.privateKey()), { qos: 1, retain });
  };
  const publishAlerts = async (alerts: FleetAlert[]): Promise<number> => {
    const now = opts.now();
    const seq = nextSeq();
    const latest = Math.max(now.getTime() + 86_400_000, ...alerts.map((a) => Date.parse(a.expires)));
    saved = { seq, alerts };
    const message: FleetMessage = { seq, issuedAt: now.toISOString(), expires: new Date(latest).toISOString(), body: { type: 'alerts', alerts } };
    // Publish first: sequence numbers follow the clock, so a crash before the save cannot reuse one.
    await publish(topicFor(prefix, 'alerts')!, message, true);
    await writeFileAtomic(file, JSON.stringify(saved), 0o600);
    changed();
    return seq;
  };
  return {
    screens: () => [...rows.entries()].map(([screenId, r]) => toScreenRow(screenId, r, opts)),
    problems: () => [...problems],
    refusedUploads: () => opts.intake?.refusals() ?? new Map<string, number>(),
    refusedByReason: () => opts.intake?.refusalsByReason() ?? new Map(),
    alerts: () => saved.alerts,
    raiseAlert: (alert) => publishAlerts([...saved.alerts.filter((a) => a.id !== alert.id), FleetAlert.parse(alert)]),
    clearAlert: (id) => publishAlerts(saved.alerts.filter((a) => a.id !== id)),
    async command(command, target) {
      const now = opts.now();
      const seq = nextSeq();
      saved = { ...saved, seq };
      await writeFileAtomic(file, JSON.stringify(saved), 0o600);
      const topic = target.scope === 'screen' ? topicFor(prefix, 'screenCmd', { screen: target.screen }) : target.scope === 'group' ? topicFor(prefix, 'groupCmd', { group: target.group }) : undefined;
      const message: FleetMessage = { seq, issuedAt: now.toISOString(), expires: new Date(now.getTime() + 120_000).toISOString(), body: { type: 'command', command, target } };
      if (topic) await publish(topic, message, false);
      else await Promise.all([...rows.keys()].map((screen) => publish(topicFor(prefix, 'screenCmd', { screen })!, message, false)));
      return seq;
    },
    async markOffline(screen) {
      const topic = topicFor(prefix, 'status', { screen });
      const status: ScreenStatus = { screenId: screen, online: false, at: opts.now().toISOString() };
      if (topic) await connection.client.publishAsync(topic, JSON.stringify(status), { qos: 1, retain: true });
    },
    onChange: (listener) => changes.subscribe(listener),
    close: () => connection.close(),
  };
}

function toScreenRow(screenId: string, r: Row, opts: FleetConsoleOptions): ScreenRow {
  const presence = presenceOf({ online: r.status.online, lastSeenMs: r.lastSeenMs, nowMs: opts.now().getTime(), heartbeatMs: opts.settings.heartbeatSeconds * 1000 });
  return {
    screenId,
    presence,
    lastSeen: new Date(r.lastSeenMs).toISOString(),
    status: r.status,
    acks: r.acks,
    ...(r.applied ? { applied: r.applied } : {}),
    ...(r.screenshot ? { screenshot: r.screenshot } : {}),
  };
}
