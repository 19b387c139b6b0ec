import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { EMPTY_CHAIN, PlaysAck, planIntake, type IntakeProblem, type PlaysChunk } from '../../core/fleet/plays';
import { TopicId } from '../../core/fleet/topics';
import { PlayLogRecord } from '../../core/report/record';
import { writeFileAtomic } from '../atomic-file';
import { sha256Hex } from '../play-log/files';

const Chains = z.record(z.string(), PlaysAck);

/** The console's store of every screen's play records, checked link by link as they arrive. */
export interface PlayIntake {
  take(chunk: PlaysChunk): Promise<{ ack: PlaysAck; problems: readonly IntakeProblem[] }>;
  ackOf(screenId: string): PlaysAck;
  /** Stored records per screen, each seq once, in chain order. */
  records(): Promise<Map<string, PlayLogRecord[]>>;
  problems(): Promise<IntakeProblem[]>;
}

export async function openPlayIntake(dataDir: string): Promise<PlayIntake> {
  const dir = join(dataDir, 'fleet-plays');
  await fs.mkdir(dir, { recursive: true });
  const chainsFile = join(dir, 'chains.json');
  const problemsFile = join(dir, 'problems.jsonl');
  let chains: Record<string, PlaysAck> = {};
  try {
    const parsed = Chains.safeParse(JSON.parse(await fs.readFile(chainsFile, 'utf8')));
    if (parsed.success) chains = parsed.data;
  } catch {
    // First start.
  }
  let queue = Promise.resolve();
  const take = async (chunk: PlaysChunk): Promise<{ ack: PlaysAck; problems: readonly IntakeProblem[] }> => {
    if (!TopicId.safeParse(chunk.screenId).success) return { ack: EMPTY_CHAIN, problems: [] };
    const plan = planIntake(chains[chunk.screenId] ?? EMPTY_CHAIN, chunk, sha256Hex);
    // Records first, chain state second: a crash in between only repeats records, which reading skips.
    if (plan.accept.length > 0) await fs.appendFile(join(dir, `${chunk.screenId}.jsonl`), plan.accept.map((r) => JSON.stringify(r)).join('\n') + '\n');
    if (plan.problems.length > 0) await fs.appendFile(problemsFile, plan.problems.map((p) => JSON.stringify(p)).join('\n') + '\n');
    chains = { ...chains, [chunk.screenId]: plan.next };
    await writeFileAtomic(chainsFile, JSON.stringify(chains));
    return { ack: plan.next, problems: plan.problems };
  };
  return {
    take: (chunk) => {
      const result = queue.then(() => take(chunk));
      queue = result.then(() => undefined, () => undefined);
      return result;
    },
    ackOf: (screenId) => chains[screenId] ?? EMPTY_CHAIN,
    async records() {
      const out = new Map<string, PlayLogRecord[]>();
      for (const name of (await fs.readdir(dir)).filter((n) => n.endsWith('.jsonl') && n !== 'problems.jsonl')) {
        let last = -1;
        const records: PlayLogRecord[] = [];
        for (const line of (await fs.readFile(join(dir, name), 'utf8')).split('\n')) {
          const parsed = line ? PlayLogRecord.safeParse(JSON.parse(line)) : undefined;
          if (parsed?.success && parsed.data.seq > last) {
            records.push(parsed.data);
            last = parsed.data.seq;
          }
        }
        out.set(name.slice(0, -'.jsonl'.length), records);
      }
      return out;
    },
    async problems() {
      const text = await fs.readFile(problemsFile, 'utf8').catch(() => '');
      return text.split('\n').filter(Boolean).map((l) => JSON.parse(l) as IntakeProblem);
    },
  };
}
