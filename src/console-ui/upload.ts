import type { z } from 'zod';
import { consoleRoutes, type UploadState } from '../core/console/contract';
import type { StoredMedia } from '../core/console/formats';
import { err, ok, type Result } from '../core/result';
import { call, readError, routeUrl, writeHeaders, type ApiError } from './api/client';

type State = z.infer<typeof UploadState>;

export interface UploadProgress {
  readonly done: number;
  readonly total: number;
  readonly startedAt: number;
  /** When this report was made, so the page works out the rate without reading a clock. */
  readonly at: number;
  readonly startBytes: number;
}

const RESUME_KEY = 'console.upload.';

/** The same file (name, size, date) resumes the upload it started, even after a reload. */
const fileKey = (file: File): string => `${RESUME_KEY}${file.name}:${file.size}:${file.lastModified}`;

async function begin(file: File): Promise<Result<State, ApiError>> {
  const known = window.localStorage.getItem(fileKey(file));
  if (known) {
    const state = await call('uploadState', { params: { id: known } });
    if (state.ok) return state;
  }
  const started = await call('startUpload', { body: { name: file.name, bytes: file.size } });
  if (started.ok) window.localStorage.setItem(fileKey(file), started.value.id);
  return started;
}

async function sendChunk(state: State, file: File): Promise<Result<State, ApiError>> {
  const route = consoleRoutes.uploadChunk;
  const end = Math.min(file.size, state.received + state.chunkBytes);
  try {
    const response = await fetch(routeUrl(route.path, { id: state.id }, { offset: state.received }), {
      method: route.method,
      credentials: 'same-origin',
      headers: { ...writeHeaders(false), 'content-type': 'application/octet-stream' },
      body: file.slice(state.received, end),
    });
    if (!response.ok) return err(await readError(response));
    const parsed = route.response.safeParse(await response.json());
    return parsed.success ? ok(parsed.data) : err({ kind: 'server', status: 200, message: 'unexpected upload reply', reasons: [] });
  } catch (error) {
    return err({ kind: 'network', status: 0, message: String(error), reasons: [] });
  }
}

/**
 * Sends the file in the server's chunk size from where the server says it stands, so a
 * broken connection or a reload resumes instead of starting over.
 */
export async function uploadFile(file: File, onProgress: (p: UploadProgress) => void, now: () => number): Promise<Result<StoredMedia, ApiError>> {
  const first = await begin(file);
  if (!first.ok) return first;
  let state = first.value;
  const startedAt = now();
  const startBytes = state.received;
  onProgress({ done: state.received, total: file.size, startedAt, at: now(), startBytes });
  while (state.received < file.size) {
    const next = await sendChunk(state, file);
    if (!next.ok) return next;
    state = next.value;
    onProgress({ done: state.received, total: file.size, startedAt, at: now(), startBytes });
  }
  const stored = await call('finishUpload', { params: { id: state.id } });
  if (stored.ok) window.localStorage.removeItem(fileKey(file));
  return stored;
}
