import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { EMPTY_CHAIN, PlaysAck, planIntake, type IntakeProblem, type PlaysChunk } from '../../core/fleet/plays';
import { judgePlays, PlaysRefusal, readSignedPlays } from '../../core/fleet/plays-signed';
import { TopicId } from '../../core/fleet/topics';
import { PlayLogRecord } from '../../core/report/record';
import { writeFileAtomic } from '../atomic-file';
import { sha256Hex } from '../play-log/files';
import { parsePublicKey, verifyBytes } from '../signing/ed25519';

const Chains = z.record(z.string(), PlaysAck);
const Groups = z.record(z.string(), z.array(z.string()));
const Refusals = z.record(z.string(), z.partialRecord(PlaysRefusal, z.number().int().nonnegative()));
type Refusals = z.infer<typeof Refusals>;

/** What the console's registry holds for the screen a topic names. */
export interface RegisteredScreen {
  /** Base64 SPKI of the Ed25519 key it joined with. */
  readonly publicKey: string;
  readonly revoked: boolean;
}
const StoredProblem = z.strictObject({
  kind: z.enum(['gap', 'edited', 'broken-link', 'foreign', 'refused', 'unreadable']),
  screenId: z.string(),
  file: z.string(),
  seq: z.number().int(),
  message: z.string(),
});

export type Intake =
  | { readonly kind: 'taken'; readonly ack: PlaysAck; readonly problems: readonly IntakeProblem[] }
  | { readonly kind: 'refused'; readonly reason: PlaysRefusal; readonly problem: IntakeProblem };

/** The console's store of every screen's play records, checked link by link as they arrive. */
export interface PlayIntake {
  take(chunk: PlaysChunk): Promise<{ ack: PlaysAck; problems: readonly IntakeProblem[] }>;
  /**
   * A signed upload as it came off the wire, from the topic of `screenId`, checked against what
   * the registry holds for that screen: a good batch is taken; anything else is refused, counted
   * per reason (kept across restarts) and kept as a problem, and nothing from it is stored.
   */
  takeUpload(screenId: string, payload: Uint8Array | string, screen: RegisteredScreen | undefined, maxBytes?: number): Promise<Intake>;
  ackOf(screenId: string): PlaysAck;
  /** Stored records per screen, each seq once, in chain order. */
  records(): Promise<Map<string, PlayLogRecord[]>>;
  /** Chain problems and refusals as stored, plus any stored line that cannot be read. */
  problems(): Promise<IntakeProblem[]>;
  /** Uploads refused per screen, in all. */
  refusals(): ReadonlyMap<string, number>;
  /** Uploads refused per screen and reason. */
  refusalsByReason(): ReadonlyMap<string, Partial<Record<PlaysRefusal, number>>>;
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

type Verdict = ReturnType<typeof judgePlays>;

/** Reads and checks one upload: the signature here (node:crypto), the decision in core. */
function judgeUpload(screenId: string, payload: Uint8Array | string, screen: RegisteredScreen | undefined, chain: PlaysAck, maxBytes: number): Verdict {
  const bytes = typeof payload === 'string' ? Buffer.byteLength(payload) : payload.byteLength;
  if (bytes > maxBytes) return { kind: 'refuse', reason: 'malformed', message: `${bytes} bytes, more than the ${maxBytes} allowed (not read)` };
  const envelope = readSignedPlays(typeof payload === 'string' ? payload : Buffer.from(payload).toString('utf8'));
  if (!envelope.ok) return { kind: 'refuse', reason: 'malformed', message: envelope.reason };
  const key = screen ? parsePublicKey(screen.publicKey) : undefined;
  const signatureValid = key?.ok === true && verifyBytes(Buffer.from(envelope.value.batch, 'utf8'), envelope.value.sig, key.value);
  return judgePlays({ screen: screenId, registered: screen ? { revoked: screen.revoked } : undefined, signatureValid, batchText: envelope.value.batch, chain });
}

export async function openPlayIntake(dataDir: string): Promise<PlayIntake> {
  const dir = join(dataDir, 'fleet-plays');
  await fs.mkdir(dir, { recursive: true });
  const chainsFile = join(dir, 'chains.json');
  const problemsFile = join(dir, 'problems.jsonl');
  const groupsFile = join(dir, 'groups.json');
  let chains = (await readJson(chainsFile, Chains)) ?? {};
  let groups = (await readJson(groupsFile, Groups)) ?? {};
  const refusalsFile = join(dir, 'refusals.json');
  let refused: Refusals = (await readJson(refusalsFile, Refusals)) ?? {};
  const keep = (problems: readonly IntakeProblem[]): Promise<void> =>
    problems.length === 0 ? Promise.resolve() : fs.appendFile(problemsFile, problems.map((p) => JSON.stringify(p)).join('\n') + '\n');
  let queue = Promise.resolve();
  const serial = <T>(job: () => Promise<T>): Promise<T> => {
    const result = queue.then(job);
    queue = result.then(() => undefined, () => undefined);
    return result;
  };
  const take = async (chunk: PlaysChunk, batch?: number): Promise<{ ack: PlaysAck; problems: readonly IntakeProblem[] }> => {
    if (!TopicId.safeParse(chunk.screenId).success) return { ack: EMPTY_CHAIN, problems: [] };
    const before = chains[chunk.screenId] ?? EMPTY_CHAIN;
    const plan = planIntake(batch === undefined ? before : { ...before, batch }, chunk, sha256Hex);
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
  const refuse = async (screenId: string, reason: PlaysRefusal, message: string): Promise<Intake> => {
    const problem: IntakeProblem = { kind: 'refused', screenId, file: '-', seq: -1, message: `upload refused (${reason}): ${message}` };
    await keep([problem]);
    // Counted last: whoever sees the count finds the problem listed.
    const mine = refused[screenId] ?? {};
    const next = { ...refused, [screenId]: { ...mine, [reason]: (mine[reason] ?? 0) + 1 } };
    await writeFileAtomic(refusalsFile, JSON.stringify(next));
    refused = next;
    return { kind: 'refused', reason, problem };
  };
  return {
    take: (chunk) => serial(() => take(chunk)),
    takeUpload: (screenId, payload, screen, maxBytes = Number.POSITIVE_INFINITY) =>
      serial(async () => {
        const verdict = judgeUpload(screenId, payload, screen, chains[screenId] ?? EMPTY_CHAIN, maxBytes);
        if (verdict.kind === 'refuse') return refuse(screenId, verdict.reason, verdict.message);
        const { batch, ...chunk } = verdict.batch;
        return { kind: 'taken', ...(await take(chunk, batch)) };
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
    refusals: () => new Map(Object.entries(refused).map(([id, counts]) => [id, Object.values(counts).reduce((a, b) => a + b, 0)])),
    refusalsByReason: () => new Map(Object.entries(refused)),
    groupsOf: (screenId) => groups[screenId] ?? [],
  };
}
