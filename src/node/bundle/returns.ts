import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { linesAfter, NO_MARK, ReturnsMark, returnsStart } from '../../core/bundle/returns-plan';
import { RETURNS_DIR, RETURNS_STATUS, type ReturnsStatus } from '../../core/bundle/manifest';
import { errorMessage, err, ok, type Result } from '../../core/result';
import { writeFileAtomic } from '../atomic-file';
import { ANCHOR_FILE, logFileName, readAnchor, readPlayLogDir } from '../play-log/files';
import { mediumProblem } from './disk';

/** The one file of returned plays; the anchor before it names where the chain picks up. */
export const RETURNS_PLAYS = logFileName(1);
const ANCHOR_NAME = logFileName(0);

export interface WriteReturnsOptions {
  /** `<stick>/anti-fraud-kiosk`. */
  readonly bundleDir: string;
  readonly screenId: string;
  readonly playLogDir: string;
  /** This screen's record of where its last returns ended. */
  readonly markFile: string;
  /** Filled in with the play range written. */
  readonly status: Omit<ReturnsStatus, 'plays'>;
}

async function readMark(file: string): Promise<ReturnsMark> {
  try {
    const parsed = ReturnsMark.safeParse(JSON.parse(await readFile(file, 'utf8')));
    return parsed.success ? parsed.data : NO_MARK;
  } catch {
    return NO_MARK;
  }
}

async function writePlays(dir: string, o: WriteReturnsOptions): Promise<ReturnsStatus['plays']> {
  const onStick = await readAnchor(dir);
  const hasPlays = (await readdir(dir).catch(() => [] as string[])).includes(RETURNS_PLAYS);
  const start = returnsStart({ hasPlays, anchor: onStick.kind === 'ok' ? onStick.anchor : null }, await readMark(o.markFile));
  const log = await readPlayLogDir(o.playLogDir);
  const taken = linesAfter(log.files, start);
  if (!taken) return null;
  // The anchor is written first: plays without it would claim to start the chain.
  if (start.seq >= 0) await writeFileAtomic(join(dir, ANCHOR_FILE), `${JSON.stringify({ file: ANCHOR_NAME, lastSeq: start.seq, lastHash: start.hash })}\n`);
  await writeFileAtomic(join(dir, RETURNS_PLAYS), `${taken.lines.join('\n')}\n`);
  await writeFileAtomic(o.markFile, JSON.stringify({ seq: taken.lastSeq, hash: taken.lastHash }));
  return { records: taken.lines.length, firstSeq: taken.firstSeq, lastSeq: taken.lastSeq };
}

/**
 * Writes `returns/<screenId>/` on the stick: the sealed play records since the last visit (a
 * log folder `kiosk report --verify --log` checks) and status.json. A stick that cannot be
 * written (write-protected, full) is the error; the screen plays on either way.
 */
export async function writeReturns(o: WriteReturnsOptions): Promise<Result<ReturnsStatus>> {
  const dir = join(o.bundleDir, RETURNS_DIR, o.screenId);
  let plays: ReturnsStatus['plays'] = null;
  const errors = [...o.status.errors];
  try {
    plays = await writePlays(dir, o);
  } catch (error) {
    const medium = mediumProblem(error);
    if (medium) return err(medium);
    errors.push(`play log not returned: ${errorMessage(error)}`);
  }
  const status: ReturnsStatus = { ...o.status, errors, plays };
  try {
    await writeFileAtomic(join(dir, RETURNS_STATUS), `${JSON.stringify(status, null, 1)}\n`);
    return ok(status);
  } catch (error) {
    return err(mediumProblem(error) ?? `status.json not written: ${errorMessage(error)}`);
  }
}
