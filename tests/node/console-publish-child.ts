// Child process for console-publish-kill.test.ts (not a test): publishes over and over until
// it is killed, each time with one new approved video (1 MiB of fresh bytes), so a kill can
// land while media are copied, while the version is written, or at the pointer switch.
import { randomBytes } from 'node:crypto';
import { openConsoleData } from '../../src/node/console/console-data';

const [dataDir, outDir] = process.argv.slice(2);
if (!dataDir || !outDir) throw new Error('usage: console-publish-child <dataDir> <outDir>');
const say = (line: string): void => void process.stdout.write(`${line}\n`);

const data = await openConsoleData(dataDir, () => new Date());
const actor = { username: 'kill-test', roles: ['editor', 'publisher'] as ('editor' | 'publisher')[] };
say('ready');
for (;;) {
  const stored = await data.media.addBytes(randomBytes(1024 * 1024), 'video/webm');
  const id = `kill-${stored.sha256.slice(0, 12)}`;
  const now = new Date();
  await data.library.putAll([{
    item: { kind: 'video', id, locale: 'zh-CN', title: '防骗视频', file: stored.path },
    workflow: { status: 'approved', comment: '', rev: 1, updatedBy: 'kill-test', updatedAt: now.toISOString() },
    targeting: { audience: [], regions: [], validity: { type: 'always' }, pins: [] },
  }]);
  const result = await data.publish(actor, { outDir, baseUrl: 'http://127.0.0.1:1/feed' });
  if (!result.ok) throw new Error(result.error.message);
  say(`published ${result.value.version}`);
}
