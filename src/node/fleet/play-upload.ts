import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { EMPTY_CHAIN, nextChunk, type PlaysAck, type PlaysChunk } from '../../core/fleet/plays';
import { PlayLogRecord } from '../../core/report/record';
import { listLogFiles } from '../play-log/files';

export interface PlayUploaderOptions {
  readonly dir: string;
  readonly screenId: string;
  /** The screen's groups, sent with each chunk for the console's per-group report. */
  readonly groups?: readonly string[];
  readonly publish: (chunk: PlaysChunk) => Promise<void>;
  readonly log: (line: string) => void;
}

export interface PlayUploader {
  /** The console stored our chain through `ack`: send what follows, if anything. */
  onAck(ack: PlaysAck): void;
  /** Send what the console has not acknowledged yet (on connect, and now and then). */
  kick(): void;
}

interface FileMark {
  readonly size: number;
  readonly lastSeq: number;
}

function parseRecords(text: string, after: number): PlayLogRecord[] {
  const records: PlayLogRecord[] = [];
  for (const line of text.split('\n')) {
    if (line.length === 0) continue;
    try {
      const parsed = PlayLogRecord.safeParse(JSON.parse(line));
      if (parsed.success && parsed.data.seq > after) records.push(parsed.data);
    } catch {
      // A torn last line: the log cuts it off at its next start; the console never needs it.
    }
  }
  return records;
}

/**
 * Sends sealed play-log records to the console, one chunk at a time, each after the
 * console's acknowledgement of the one before. Files already sent in full are not read again.
 */
export function createPlayUploader(opts: PlayUploaderOptions): PlayUploader {
  let ack: PlaysAck = EMPTY_CHAIN;
  let busy = false;
  let again = false;
  const marks = new Map<string, FileMark>();

  const pending = async (): Promise<{ name: string; records: PlayLogRecord[] }[]> => {
    const files: { name: string; records: PlayLogRecord[] }[] = [];
    for (const name of await listLogFiles(opts.dir).catch(() => [])) {
      const path = join(opts.dir, name);
      const size = (await fs.stat(path).catch(() => undefined))?.size ?? 0;
      const mark = marks.get(name);
      if (mark && mark.size === size && mark.lastSeq <= ack.seq) continue;
      const records = parseRecords(await fs.readFile(path, 'utf8').catch(() => ''), ack.seq);
      marks.set(name, { size, lastSeq: records.at(-1)?.seq ?? mark?.lastSeq ?? -1 });
      if (records.length > 0) files.push({ name, records });
      if (files.length > 0) break;
    }
    return files;
  };

  const send = async (): Promise<void> => {
    if (busy) {
      again = true;
      return;
    }
    busy = true;
    try {
      const chunk = nextChunk(await pending(), ack, opts.screenId, 200, opts.groups);
      if (chunk) await opts.publish(chunk);
    } catch (error) {
      opts.log(`fleet: play upload failed: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      busy = false;
      if (again) {
        again = false;
        void send();
      }
    }
  };

  return {
    onAck(next) {
      if (next.seq < ack.seq) return;
      ack = next;
      void send();
    },
    kick: () => void send(),
  };
}
