// Child process for console-publish-kill.test.ts (not a test): publishes once, with one new
// approved video (1 MiB of fresh bytes), and reports each named point of the write it passes.
// Given a fault, it kills itself with SIGKILL (or throws) at that point's n-th pass, so the
// cut lands exactly there on any machine, however fast or loaded.
import { randomBytes } from 'node:crypto';
import { openConsoleData } from '../../src/node/console/console-data';
import { PUBLISH_POINTS, type PublishPoint } from '../../src/node/console/publisher';

const [dataDir, outDir, mode = 'none', point = '', nth = '1'] = process.argv.slice(2);
if (!dataDir || !outDir || !['none', 'kill', 'throw'].includes(mode)) throw new Error('usage: console-publish-child <dataDir> <outDir> [kill|throw <point> <n>]');
if (mode !== 'none' && !PUBLISH_POINTS.includes(point as PublishPoint)) throw new Error(`unknown point "${point}"`);
const say = (line: string): void => void process.stdout.write(`${line}\n`);

let passes = 0;
const checkpoint = (at: PublishPoint): void => {
  say(`at ${at}`);
  if (mode === 'none' || at !== point || ++passes !== Number(nth)) return;
  if (mode === 'kill') process.kill(process.pid, 'SIGKILL');
  throw new Error(`injected fault at ${at} #${nth}`);
};

const data = await openConsoleData(dataDir, () => new Date());
const actor = { username: 'kill-test', roles: ['editor', 'publisher'] as ('editor' | 'publisher')[] };
const stored = await data.media.addBytes(randomBytes(1024 * 1024), 'video/webm');
const id = `kill-${stored.sha256.slice(0, 12)}`;
await data.library.putAll([{
  item: { kind: 'video', id, locale: 'zh-CN', title: '防骗视频', file: stored.path },
  workflow: { status: 'approved', comment: '', rev: 1, updatedBy: 'kill-test', updatedAt: new Date().toISOString() },
  targeting: { audience: [], regions: [], validity: { type: 'always' }, pins: [] },
}]);
try {
  const result = await data.publish(actor, { outDir, baseUrl: 'http://127.0.0.1:1/feed', checkpoint });
  if (!result.ok) throw new Error(result.error.message);
  say(`published ${result.value.version}`);
} catch (error) {
  if (mode !== 'throw') throw error;
  say(`threw ${error instanceof Error ? error.message : String(error)}`);
}
