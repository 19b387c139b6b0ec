import type { KeyObject } from 'node:crypto';
import type { MqttClient } from 'mqtt';
import { judgeMessage, targets, type FleetAlert, type FleetCommand, type FleetMessage, type ScreenIdentity } from '../../core/fleet/signed-message';
import { parseTopic, topicFor, type ScreenEvent, type ScreenStatus } from '../../core/fleet/topics';
import { PlaysAck, type PlaysChunk } from '../../core/fleet/plays';
import { batchText, type SignedPlays } from '../../core/fleet/plays-signed';
import { signBytes } from '../signing/ed25519';
import type { FleetSettings } from '../../core/model/fleet-config';
import { openMessage } from './envelope';
import { openConnection, type Connection } from './mqtt-connection';
import { createPlayUploader, type PlayUploader } from './play-upload';
import { openSeqStore, type SeqStore } from './seq-store';

/** What the runtime reports; the agent adds identity, presence and the time. */
export type StatusFields = Omit<ScreenStatus, 'screenId' | 'online' | 'at' | 'groups'>;
export interface CommandOutcome {
  readonly result: 'done' | 'unsupported' | 'failed';
  readonly detail?: string;
  readonly jpegBase64?: string;
}

export interface FleetAgentOptions {
  readonly settings: FleetSettings;
  readonly screenId: string;
  readonly publicKey: KeyObject;
  readonly dataDir: string;
  readonly status: () => StatusFields;
  /** Replaces the screen's fleet alerts; returns the ids it took (the content policy may refuse some). */
  readonly applyAlerts: (alerts: readonly FleetAlert[]) => readonly string[];
  readonly runCommand: (command: FleetCommand) => Promise<CommandOutcome>;
  readonly now: () => Date;
  readonly random?: () => number;
  readonly log: (line: string) => void;
  /** The play log folder: its sealed records are uploaded to the console, signed with `signingKey`. */
  readonly playLogDir?: string;
  /** The screen's own Ed25519 key (made when it joined): without it, plays are not uploaded. */
  readonly signingKey?: KeyObject;
  readonly uploadMinutes?: number;
}

export interface FleetAgent {
  connected(): boolean;
  /** Call when the status changed; publishes at most once a second. */
  statusChanged(): void;
  close(): Promise<void>;
}

interface AgentContext extends FleetAgentOptions {
  readonly identity: ScreenIdentity;
  readonly uploader: PlayUploader | undefined;
  readonly seqs: SeqStore;
  /** The highest batch number the console said it took. */
  readonly ackedBatch: { value: number };
  readonly topic: (name: 'status' | 'events') => string;
}

function statusPayload(ctx: AgentContext, online: boolean): string {
  const base = { screenId: ctx.screenId, online, at: ctx.now().toISOString(), groups: [...ctx.settings.groups] };
  return JSON.stringify(online ? { ...ctx.status(), ...base } : base);
}

function publishEvent(ctx: AgentContext, client: MqttClient, event: ScreenEvent): void {
  client.publish(ctx.topic('events'), JSON.stringify(event), { qos: 1 });
}

async function onAlerts(ctx: AgentContext, client: MqttClient, message: FleetMessage, alerts: readonly FleetAlert[]): Promise<void> {
  const mine = alerts.filter((a) => targets(a.target, ctx.identity));
  const ids = ctx.applyAlerts(mine);
  publishEvent(ctx, client, { type: 'alerts-applied', screenId: ctx.screenId, at: ctx.now().toISOString(), seq: message.seq, alertIds: [...ids] });
  // Saved after the screen shows it: applying the same verified set twice after a crash is harmless,
  // and an urgent warning should not wait for a disk flush.
  await ctx.seqs.set('alerts', message.seq);
}

async function onCommand(ctx: AgentContext, client: MqttClient, message: FleetMessage, command: FleetCommand): Promise<void> {
  await ctx.seqs.set('command', message.seq);
  const outcome = await ctx.runCommand(command).catch((e: unknown): CommandOutcome => ({ result: 'failed', detail: String(e).slice(0, 400) }));
  const at = ctx.now().toISOString();
  if (outcome.jpegBase64) publishEvent(ctx, client, { type: 'screenshot', screenId: ctx.screenId, at, seq: message.seq, jpegBase64: outcome.jpegBase64 });
  publishEvent(ctx, client, { type: 'ack', screenId: ctx.screenId, at, seq: message.seq, result: outcome.result, ...(outcome.detail ? { detail: outcome.detail } : {}) });
}

function onPlaysAck(ctx: AgentContext, payload: Buffer): void {
  try {
    const ack = PlaysAck.safeParse(JSON.parse(payload.toString('utf8')));
    if (!ack.success) return;
    ctx.ackedBatch.value = Math.max(ctx.ackedBatch.value, ack.data.batch ?? -1);
    ctx.uploader?.onAck(ack.data);
  } catch {
    // Not JSON: nothing to go on; the next periodic upload starts over from the last good ack.
  }
}

async function handle(ctx: AgentContext, client: MqttClient, topic: string, payload: Buffer): Promise<void> {
  const parsed = parseTopic(ctx.settings.prefix, topic);
  if (parsed?.name === 'playsAck' && parsed.screen === ctx.screenId) return onPlaysAck(ctx, payload);
  if (!parsed || !['alerts', 'screenCmd', 'groupCmd'].includes(parsed.name)) return;
  const opened = openMessage(payload, ctx.publicKey);
  if (!opened.ok) return ctx.log(`fleet: refused a message on ${topic}: ${opened.error}`);
  const message = opened.value;
  const stream = message.body.type === 'alerts' ? 'alerts' : 'command';
  const verdict = judgeMessage({ message, screen: ctx.identity, now: ctx.now(), lastSeq: ctx.seqs.get(stream) });
  switch (verdict.kind) {
    case 'refuse':
      ctx.log(`fleet: refused ${stream} #${message.seq}: ${verdict.reason}`);
      if (stream === 'command') publishEvent(ctx, client, { type: 'ack', screenId: ctx.screenId, at: ctx.now().toISOString(), seq: message.seq, result: 'refused', detail: verdict.reason });
      return;
    case 'ignore':
      return;
    case 'accept':
    case 'duplicate':
      // A duplicate is the retained alert set again (a reconnect, a restart): applying it is idempotent.
      return message.body.type === 'alerts'
        ? onAlerts(ctx, client, message, message.body.alerts)
        : onCommand(ctx, client, message, message.body.command);
  }
}

/** A broker that refuses the account: most often a config from before per-screen identities. */
export const REFUSED =
  'the broker refused this screen\'s account. Screens no longer share one join password (user name = screen id): ' +
  'join this screen again with a pairing code or `kiosk serve --enrol <value>` (docs/fleet.md, "Joining screens").';

function subscriptions(ctx: AgentContext): string[] {
  const prefix = ctx.settings.prefix;
  const own = topicFor(prefix, 'screenCmd', { screen: ctx.screenId });
  const acks = ctx.uploader ? topicFor(prefix, 'playsAck', { screen: ctx.screenId }) : undefined;
  const groups = ctx.settings.groups.map((group) => topicFor(prefix, 'groupCmd', { group }));
  return [topicFor(prefix, 'alerts'), own, acks, ...groups].filter((t): t is string => t !== undefined);
}

/** The next batch, numbered above every one signed before (kept first: a crash skips a number, never reuses one). */
async function signBatch(chunk: PlaysChunk, key: KeyObject, seqs: SeqStore, acked: number): Promise<string> {
  const batch = Math.max(seqs.get('plays') ?? -1, acked) + 1;
  await seqs.set('plays', batch);
  const text = batchText(chunk, batch);
  const signed: SignedPlays = { batch: text, sig: signBytes(Buffer.from(text, 'utf8'), key) };
  return JSON.stringify(signed);
}

/** Uploads the play log, each batch signed with the screen's own key; none without a key. */
function playUploader(opts: FleetAgentOptions, seqs: SeqStore, acked: { value: number }, send: (payload: string) => Promise<void>): PlayUploader | undefined {
  const { playLogDir, signingKey } = opts;
  if (playLogDir && !signingKey) opts.log('fleet: this screen has no key of its own (it did not join with a code or token): its plays are not uploaded');
  if (!playLogDir || !signingKey) return undefined;
  return createPlayUploader({
    dir: playLogDir, screenId: opts.screenId, groups: opts.settings.groups, log: opts.log,
    publish: async (chunk) => send(await signBatch(chunk, signingKey, seqs, acked.value)),
  });
}

/** The screen's side of the fleet channel: status out, signed alerts and commands in. */
export async function startFleetAgent(opts: FleetAgentOptions): Promise<FleetAgent> {
  const statusTopic = topicFor(opts.settings.prefix, 'status', { screen: opts.screenId });
  const eventsTopic = topicFor(opts.settings.prefix, 'events', { screen: opts.screenId });
  if (!statusTopic || !eventsTopic) throw new Error(`fleet: screenId "${opts.screenId}" cannot be used in a topic (letters, digits, ".", "_" or "-")`);
  const playsTopic = topicFor(opts.settings.prefix, 'plays', { screen: opts.screenId })!;
  // The uploader publishes through the connection that is opened just below.
  const ref: { connection?: Connection } = {};
  const seqs = await openSeqStore(opts.dataDir, opts.log);
  const ackedBatch = { value: -1 };
  const uploader = playUploader(opts, seqs, ackedBatch, async (payload) => {
    if (ref.connection?.connected()) await ref.connection.client.publishAsync(playsTopic, payload, { qos: 1 });
  });
  const ctx: AgentContext = {
    ...opts,
    uploader,
    ackedBatch,
    identity: { screenId: opts.screenId, groups: opts.settings.groups },
    seqs,
    topic: (name) => (name === 'status' ? statusTopic : eventsTopic),
  };
  let queue = Promise.resolve();
  const live: Connection = openConnection({
    settings: opts.settings,
    clientId: `screen-${opts.screenId}`,
    will: { topic: statusTopic, payload: Buffer.from(statusPayload(ctx, false)), qos: 1, retain: true },
    random: opts.random ?? Math.random,
    log: opts.log,
    onConnect: (client) => {
      client.subscribe(subscriptions(ctx), { qos: 1 });
      client.publish(statusTopic, statusPayload(ctx, true), { qos: 1, retain: true });
      // The retained ack, if any, arrives first; without one the upload starts from the beginning.
      if (uploader) setTimeout(() => uploader.kick(), 1500).unref?.();
    },
  });
  ref.connection = live;
  let toldRefused = false;
  live.client.on('error', (error: Error & { code?: unknown }) => {
    if ((error.code === 4 || error.code === 5) && !toldRefused) {
      toldRefused = true;
      opts.log(`fleet: ${REFUSED}`);
    }
  });
  // One message at a time, in arrival order: sequence checks must see each other's effects.
  live.client.on('message', (topic, payload) => {
    queue = queue.then(() => handle(ctx, live.client, topic, payload)).catch((e: unknown) => opts.log(`fleet: ${String(e)}`));
  });
  const publishStatus = (): void => {
    if (live.connected()) live.client.publish(statusTopic, statusPayload(ctx, true), { qos: 1, retain: true });
  };
  const heartbeat = setInterval(publishStatus, opts.settings.heartbeatSeconds * 1000);
  heartbeat.unref?.();
  const uploads = setInterval(() => uploader?.kick(), (opts.uploadMinutes ?? 5) * 60_000);
  uploads.unref?.();
  let pending: NodeJS.Timeout | undefined;
  return {
    connected: () => live.connected(),
    statusChanged() {
      pending ??= setTimeout(() => {
        pending = undefined;
        publishStatus();
      }, 1000);
    },
    async close() {
      clearInterval(heartbeat);
      clearInterval(uploads);
      if (pending) clearTimeout(pending);
      if (live.connected()) await live.client.publishAsync(statusTopic, statusPayload(ctx, false), { qos: 1, retain: true }).catch(() => undefined);
      await queue;
      await live.close();
    },
  };
}
