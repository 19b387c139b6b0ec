import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { BUNDLE_DIR, RETURNS_DIR, RETURNS_STATUS, ReturnsStatus } from '../../core/bundle/manifest';
import type { IntakeProblem } from '../../core/fleet/plays';
import { TopicId } from '../../core/fleet/topics';
import { PlayLogRecord } from '../../core/report/record';
import { openPlayIntake, type PlayIntake } from '../fleet/play-intake';
import { listLogFiles } from '../play-log/files';

export interface ImportedScreen {
  readonly screenId: string;
  /** Records read from the stick (the console skips those it already has). */
  readonly records: number;
  readonly problems: readonly IntakeProblem[];
  readonly status: ReturnsStatus | undefined;
}

function recordsOf(text: string): PlayLogRecord[] {
  return text.split('\n').flatMap((line) => {
    if (!line) return [];
    try {
      const parsed = PlayLogRecord.safeParse(JSON.parse(line));
      return parsed.success ? [parsed.data] : [];
    } catch {
      return [];
    }
  });
}

async function readStatus(dir: string): Promise<ReturnsStatus | undefined> {
  try {
    const parsed = ReturnsStatus.safeParse(JSON.parse(await readFile(join(dir, RETURNS_STATUS), 'utf8')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Takes every screen's returned plays from a stick into the console's fleet store, through the
 * same chain check as uploads over the network: nothing counts twice, a gap or an edit is named.
 */
export async function importReturns(stickDir: string, consoleDataDir: string, running?: PlayIntake): Promise<ImportedScreen[]> {
  const root = join(stickDir, BUNDLE_DIR, RETURNS_DIR);
  const screens = (await readdir(root).catch(() => [] as string[])).filter((s) => TopicId.safeParse(s).success).sort();
  // A running console's fleet holds each chain in memory: its own intake must take the records.
  const intake = running ?? (await openPlayIntake(consoleDataDir));
  const imported: ImportedScreen[] = [];
  for (const screenId of screens) {
    const dir = join(root, screenId);
    const problems: IntakeProblem[] = [];
    let count = 0;
    for (const file of await listLogFiles(dir)) {
      const records = recordsOf(await readFile(join(dir, file), 'utf8'));
      count += records.length;
      for (let i = 0; i < records.length; i += 500) {
        const taken = await intake.take({ screenId, file, records: records.slice(i, i + 500) });
        problems.push(...taken.problems);
      }
    }
    imported.push({ screenId, records: count, problems, status: await readStatus(dir) });
  }
  return imported;
}
