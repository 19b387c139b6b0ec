// Child process for play-log-kill.test.ts (not a test): appends records until it is killed.
// Prints "ready" once the log is open, "ack <itemId>" after each append has been fsync'd,
// and "log <line>" for what the play log reports (torn records cut off).
import { openPlayLog } from '../../src/node/play-log/play-log';

const [dir, run] = process.argv.slice(2);
if (!dir || !run) throw new Error('usage: play-log-writer-child <dir> <run>');

const say = (line: string): void => {
  process.stdout.write(`${line}\n`);
};

const log = await openPlayLog({
  dir,
  now: () => new Date(),
  maxFileBytes: 8 * 1024,
  maxFiles: 6,
  log: (line) => say(`log ${line}`),
});
await log.appendRecovery(`writer run ${run} started after a kill`, 'kill-test');
say('ready');
for (let n = 0; ; n += 3) {
  // Three at once: appends are queued, and each resolves only once it is on disk.
  const batch = [n, n + 1, n + 2].map(async (i) => {
    const itemId = `r${run}-${i}`;
    await log.append(
      { itemId, kind: i % 2 ? 'case' : 'slogan', title: `案例 ${i} “引号” \\ <b>`, start: new Date().toISOString(), durationMs: 1000 + i, completed: true },
      'kill-test',
    );
    say(`ack ${itemId}`);
  });
  await Promise.all(batch);
}
