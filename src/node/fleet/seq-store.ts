import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from '../atomic-file';

/** The last accepted sequence numbers, kept across restarts so a replay after a reboot is refused too. */
const SeqFile = z.strictObject({
  alerts: z.number().int().nonnegative().optional(),
  command: z.number().int().nonnegative().optional(),
  /** The last play batch number this screen signed (it only rises: the console refuses a lower one as a replay). */
  plays: z.number().int().nonnegative().optional(),
});
export type SeqStreams = z.infer<typeof SeqFile>;

export interface SeqStore {
  get(stream: keyof SeqStreams): number | undefined;
  set(stream: keyof SeqStreams, seq: number): Promise<void>;
}

export async function openSeqStore(dataDir: string, log: (line: string) => void): Promise<SeqStore> {
  const file = join(dataDir, 'fleet-seq.json');
  let value: SeqStreams = {};
  try {
    const parsed = SeqFile.safeParse(JSON.parse(await readFile(file, 'utf8')));
    if (parsed.success) value = parsed.data;
    else log(`fleet: ${file} is unreadable; sequence numbers start afresh`);
  } catch {
    // First start: no file yet.
  }
  return {
    get: (stream) => value[stream],
    async set(stream, seq) {
      value = { ...value, [stream]: seq };
      await writeFileAtomic(file, JSON.stringify(value), 0o600);
    },
  };
}
