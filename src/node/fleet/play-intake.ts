import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { EMPTY_CHAIN, PlaysAck, planIntake, readPlaysUpload, type IntakeProblem, type PlaysChunk } from '../../core/fleet/plays';
import { TopicId } from '../../core/fleet/topics';
import { PlayLogRecord } from '../../core/report/record';
import { writeFileAtomic } from '../atomic-file';
import { sha256Hex } from '../play-log/files';

const Chains = z.record(z.string(), PlaysAck);
const Groups = z.record(z.string(), z.array(z.string()));
const StoredProblem = z.strictObject({
  kind: z.enum(['gap', 'edited', 'broken-link', 'foreign', 'refused', 'unreadable']),
  screenId: z.string(),
  file: z.string(),
  seq: z.number().int(),
  message: z.string(),
});

export type Intake =
  | { readonly kind: 'taken'; readonly ack: PlaysAck; readonly problems: readonly IntakeProblem[] }
  | { readonly kind: 'refused'; readonly problem: IntakeProblem };

/** The console's store of every screen's play records, checked link by link as they arrive. */
export interface PlayIntake {
  take(chunk: PlaysChunk): Promise<{ ack: PlaysAck; problems: readonly IntakeProblem[] }>;
  /** An upload as it came off the wire: a chunk is taken; anything else is refused, counted and kept as a problem. */
  takeUpload(screenId: string, payload: Uint8Array | string, maxBytes?: number): Promise<Intake>;
  ackOf(screenId: string): PlaysAck;
  /** Stored records per screen, each seq once, in chain order. */
  records(): Promise<Map<string, PlayLogRecord[]>>;
  /** Chain problems and refusals as stored, plus any stored line that cannot be read. */
  problems(): Promise<IntakeProblem[]>;
  /** Uploads refused per screen since the store was made. */
  refusals(): ReadonlyMap<string, number>;
  /** The groups each screen named in its newest upload. */
  groupsOf(screenId: string): readonly string[];
}

/** One stored line, read without trusting it: a torn or edited line is a value, not an exception. */
function readLine<T>(line: string, schema: z.ZodType<T>): T | undefined {
  try {
    const parsed = schema.safeParse(JSON.parse(line));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

async function readJson<T>(file: string, schema: z.ZodType<T>): Promise<T | undefined> {
  const text = await fs.readFile(file, 'utf8').catch(() => undefined);
  return text === undefined ? undefined : readLine(text, schema);
}

async function readRecords(dir: string, name: string, damaged: IntakeProblem[]): Promise<PlayLogRecord[]> {
  let last = -1;
  const records: PlayLogRecord[] = [];
  const screenId = name.slice(0, -'.jsonl'.length);
  for (const [i, line] of (await fs.readFile(join(dir, name), 'utf8')).split('\n').entries()) {
    if (!line) continue;
    const record = readLine(line, PlayLogRecord);
    if (!record) damaged.push({ kind: 'unreadable', screenId, file: name, seq: -1, message: `line ${i + 1} of the console's ${name} is not a play record (skipped)` });
    else if (record.seq > last) {
      records.push(record);
      last = record.seq;
    }
  }
  return records;
}

export async function openPlayIntake(dataDir: string): Promise<PlayIntake> {
  const dir = join(dataDir, 'fleet-plays');
  await fs.mkdir(dir, { recursive: true });
  const chainsFile = join(dir, 'chains.json');
  const problemsFile = join(dir, 'problems.jsonl');
  const groupsFile = join(dir, 'groups.json');
  let chains = (await readJson(chainsFile, Chains)) ?? {};
  let groups = (await readJson(groupsFile, Groups)) ?? {};
  const refused = new Map<string, number>();
  const keep = (problems: readonly IntakeProblem[]): Promise<void> =>
    problems.length === 0 ? Promise.resolve() : fs.appendFile(problemsFile, problems.map((p) => JSON.stringify(p)).join('\n') + '\n');
  let queue = Promise.resolve();
  const serial = <T>(job: () => Promise<T>): Promise<T> => {
    const result = queue.then(job);
    queue = result.then(() => undefined, () => undefined);
    return result;
  };
  const take = async (chunk: PlaysChunk): Promise<{ ack: PlaysAck; problems: readonly IntakeProblem[] }> => {
    if (!TopicId.safeParse(chunk.screenId).success) return { ack: EMPTY_CHAIN, problems: [] };
    const plan = planIntake(chains[chunk.screenId] ?? EMPTY_CHAIN, chunk, sha256Hex);
    // Records first, chain state second: a crash in between only repeats records, which reading skips.
    if (plan.accept.length > 0) await fs.appendFile(join(dir, `${chunk.screenId}.jsonl`), plan.accept.map((r) => JSON.stringify(r)).join('\n') + '\n');
    await keep(plan.problems);
    chains = { ...chains, [chunk.screenId]: plan.next };
    await writeFileAtomic(chainsFile, JSON.stringify(chains));
    const named = chunk.groups ?? [];
    if (named.join('\n') !== (groups[chunk.screenId] ?? []).join('\n')) {
      groups = { ...groups, [chunk.screenId]: [...named] };
      await writeFileAtomic(groupsFile, JSON.stringify(groups));
    }
    return { ack: plan.next, problems: plan.problems };
  };
  const refuse = async (screenId: string, reason: string): Promise<Intake> => {
    refused.set(screenId, (refused.get(screenId) ?? 0) + 1);
    const problem: IntakeProblem = { kind: 'refused', screenId, file: '-', seq: -1, message: `upload refused: ${reason}` };
    await keep([problem]);
    return { kind: 'refused', problem };
  };
  return {
    take: (chunk) => serial(() => take(chunk)),
    takeUpload: (screenId, payload, maxBytes = Number.POSITIVE_INFINITY) =>
      serial(async () => {
        const bytes = typeof payload === 'string' ? Buffer.byteLength(payload) : payload.byteLength;
        if (bytes > maxBytes) return refuse(screenId, `${bytes} bytes, more than the ${maxBytes} allowed (not read)`);
        const reading = readPlaysUpload(typeof payload === 'string' ? payload : Buffer.from(payload).toString('utf8'), screenId);
        return reading.ok ? { kind: 'taken', ...(await take(reading.chunk)) } : refuse(screenId, reading.reason);
      }),
    ackOf: (screenId) => chains[screenId] ?? EMPTY_CHAIN,
    async records() {
      const out = new Map<string, PlayLogRecord[]>();
      for (const name of (await fs.readdir(dir)).filter((n) => n.endsWith('.jsonl') && n !== 'problems.jsonl')) {
        out.set(name.slice(0, -'.jsonl'.length), await readRecords(dir, name, []));
      }
      return out;
    },
    async problems() {
      const text = await fs.readFile(problemsFile, 'utf8').catch(() => '');
      const damaged: IntakeProblem[] = [];
      const stored = text.split('\n').flatMap((line, i) => {
        if (!line) return [];
        const p = readLine(line, StoredProblem);
        if (!p) damaged.push({ kind: 'unreadable', screenId: '-', file: 'problems.jsonl', seq: -1, message: `line ${i + 1} of the console's problems.jsonl cannot be read (skipped)` });
        return p ? [p] : [];
      });
      for (const name of (await fs.readdir(dir)).filter((n) => n.endsWith('.jsonl') && n !== 'problems.jsonl')) await readRecords(dir, name, damaged);
      return [...stored, ...damaged];
    },
    refusals: () => refused,
    groupsOf: (screenId) => groups[screenId] ?? [],
  };
}
