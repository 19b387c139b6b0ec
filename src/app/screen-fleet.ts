import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { Directives, PlayerState } from '../core/api/contract';
import { vetFleetAlerts } from '../core/fleet/screen-alerts';
import type { FleetAlert, FleetCommand } from '../core/fleet/signed-message';
import type { DeviceConfig } from '../core/model/config';
import { AlertItem } from '../core/model/content';
import type { PolicyConfig } from '../core/policy/content-policy';
import { writeFileAtomic } from '../node/atomic-file';
import type { CommandOutcome, FleetAgent, StatusFields } from '../node/fleet/agent';
import { loadIdentity } from '../node/fleet/screen-identity';
import { parsePublicKey } from '../node/signing/ed25519';

/** What the runtime lends the fleet channel. */
export interface ScreenFleetDeps {
  readonly config: DeviceConfig;
  readonly dataDir: string;
  readonly policy: PolicyConfig;
  readonly state: () => PlayerState;
  readonly bump: () => void;
  readonly syncNow: () => Promise<unknown>;
  readonly capture?: () => Promise<Uint8Array | undefined>;
  readonly now: () => Date;
  readonly log: (line: string) => void;
}

export interface ScreenFleet {
  directives(): Directives;
  alerts(): readonly AlertItem[];
  /** The newest play the renderer reported: the status's current item. */
  played(title: string): void;
  close(): Promise<void>;
}

const IDENTIFY_MS = 10_000;
const Saved = z.array(AlertItem).max(50);

async function loadAlerts(file: string, now: Date): Promise<AlertItem[]> {
  try {
    const parsed = Saved.safeParse(JSON.parse(await readFile(file, 'utf8')));
    return parsed.success ? parsed.data.filter((a) => Date.parse(a.expires) > now.getTime()) : [];
  } catch {
    return [];
  }
}

function statusOf(state: PlayerState, currentItem: string | null, now: Date): StatusFields {
  const sync = state.sync;
  return {
    appVersion: state.appVersion,
    uptimeSeconds: Math.max(0, Math.round((now.getTime() - Date.parse(state.startedAt)) / 1000)),
    layout: state.layout,
    currentItem,
    tickerSource: state.playlist.ticker.sources.map((s) => s.type).join(', ').slice(0, 200),
    sync: sync ? { lastSuccess: sync.lastSuccess, source: sync.source, lastError: sync.lastError?.slice(0, 500) ?? null } : null,
    alerts: state.alerts.filter((a) => Date.parse(a.expires) > now.getTime()).slice(0, 50).map((a) => ({ id: a.id, level: a.level })),
    cacheBytes: sync?.cacheBytes ?? 0,
    warnings: state.warnings.length,
    ...(state.warnings.length > 0 ? { lastWarning: (state.warnings.at(-1) ?? '').slice(0, 300) } : {}),
  };
}

/**
 * The screen's side of the fleet (docs/fleet.md): an agent on the broker, the verified
 * alerts it brought (kept on disk, so a restart without the broker still shows them), and
 * the directives its commands set. Undefined, with a warning, when it cannot run.
 */
export async function startScreenFleet(deps: ScreenFleetDeps): Promise<{ fleet?: ScreenFleet; warning?: string }> {
  const settings = deps.config.fleet;
  if (!settings) return {};
  const keyText = settings.publicKey ?? deps.config.feeds.publicKey ?? deps.config.publisher?.publicKey;
  const key = keyText ? parsePublicKey(keyText) : undefined;
  if (!key?.ok) return { warning: `fleet: ${key ? key.error : 'no publicKey (fleet.publicKey or feeds.publicKey)'}: nothing from the broker could be verified, so the fleet channel is off` };
  const file = join(deps.dataDir, 'fleet-alerts.json');
  let alerts = await loadAlerts(file, deps.now());
  let directives: Directives = { identifyUntil: null, motionPaused: false, reload: 0 };
  let currentItem: string | null = null;
  const direct = (change: Partial<Directives>): CommandOutcome => {
    directives = { ...directives, ...change };
    deps.bump();
    return { result: 'done' };
  };
  const runCommand = (command: FleetCommand): Promise<CommandOutcome> => runFleetCommand(command, deps, directives, direct);
  const applyAlerts = (incoming: readonly FleetAlert[]): readonly string[] => {
    const vetted = vetFleetAlerts(incoming, deps.policy);
    for (const r of vetted.refused) deps.log(`fleet: alert ${r.id} refused by the content policy: ${r.reason}`);
    alerts = [...vetted.shown];
    deps.bump();
    void writeFileAtomic(file, JSON.stringify(alerts), 0o600).catch((e: unknown) => deps.log(`fleet: ${String(e)}`));
    return vetted.shown.map((a) => a.id);
  };
  // The key the screen made when it joined signs its play uploads; a screen without one keeps its plays local.
  const identity = await loadIdentity(deps.dataDir).catch((e: unknown) => void deps.log(`fleet: ${String(e)}`));
  // Loaded on use: a screen with no fleet section never loads the MQTT client.
  const { startFleetAgent } = await import('../node/fleet/agent');
  const agent: FleetAgent = await startFleetAgent({
    settings, screenId: deps.config.screenId, publicKey: key.value, dataDir: deps.dataDir, playLogDir: join(deps.dataDir, 'play-log'), uploadMinutes: settings.uploadSeconds / 60,
    ...(identity ? { signingKey: identity.privateKey } : {}),
    status: () => statusOf(deps.state(), currentItem, deps.now()), applyAlerts, runCommand, now: deps.now, log: deps.log,
  });
  return {
    fleet: {
      directives: () => directives,
      alerts: () => alerts,
      played(title) {
        currentItem = title.slice(0, 200);
        agent.statusChanged();
      },
      close: () => agent.close(),
    },
  };
}

async function runFleetCommand(
  command: FleetCommand,
  deps: ScreenFleetDeps,
  directives: Directives,
  direct: (change: Partial<Directives>) => CommandOutcome,
): Promise<CommandOutcome> {
  switch (command) {
    case 'sync-now':
      await deps.syncNow();
      return { result: 'done' };
    case 'reload':
      // A reload also fetches the group's documents now, so a changed playlist arrives within seconds.
      await deps.syncNow();
      return direct({ reload: directives.reload + 1 });
    case 'identify':
      return direct({ identifyUntil: new Date(deps.now().getTime() + IDENTIFY_MS).toISOString() });
    case 'pause-motion':
      return direct({ motionPaused: true });
    case 'resume-motion':
      return direct({ motionPaused: false });
    case 'screenshot': {
      const jpeg = deps.capture ? await deps.capture() : undefined;
      if (!deps.capture) return { result: 'unsupported', detail: 'unsupported on this host (browser player)' };
      return jpeg ? { result: 'done', jpegBase64: Buffer.from(jpeg).toString('base64') } : { result: 'failed', detail: 'the window could not be captured' };
    }
  }
}
