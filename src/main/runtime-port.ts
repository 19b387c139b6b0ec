import type { DeviceConfig } from '../core/model/config';

/**
 * What the shell needs from the kiosk runtime (src/app/runtime.ts). Kept as a narrow
 * interface so the shell is tested with a fake and the runtime can grow freely.
 */
export interface ShellRuntime {
  readonly app: { fetch(req: Request): Promise<Response> | Response };
  readonly config: DeviceConfig;
  readonly configErrors: readonly string[];
  close(): Promise<void>;
  recordRecovery(reason: string): void;
  /** Time (ms since epoch) of the renderer's last POST /api/heartbeat; 0 before the first. */
  lastHeartbeat(): number;
}

export interface ShellRuntimeOptions {
  /** Folder holding out/renderer (inside app.asar when packaged). */
  readonly appRoot: string;
  /** Folder holding playlists/ and schema/ (resources/ when packaged, the project in dev). */
  readonly contentRoot: string;
  readonly configPath?: string;
  readonly dataDir: string;
  /** The device config from electron-store, to validate like a file; absent when a file was given. */
  readonly configOverride?: unknown;
  /**
   * Problems the shell found (bad store file, display missing, OS scaling, GPU fallback), for
   * the operator overlay: append them to PlayerState.warnings. A function, since display
   * changes update them while the kiosk runs.
   */
  readonly shellWarnings: () => readonly string[];
  /** Called by POST /api/operator/exit once the PIN matched. */
  readonly onExitRequest: () => void;
  /** What the window shows, as a JPEG of at most 200 KB (the fleet's `screenshot`). */
  readonly capture?: () => Promise<Uint8Array | undefined>;
}

export type CreateShellRuntime = (opts: ShellRuntimeOptions) => Promise<ShellRuntime>;
