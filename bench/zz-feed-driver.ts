import { feedSection } from '/work/wt/feed/bench/sections/feed';
import { formatSection } from '/work/wt/feed/bench/lib/report';
import type { BenchContext } from '/work/wt/feed/bench/lib/context';
const ctx = { quick: process.argv.includes('--quick'), log: (l: string) => process.stderr.write(l + '\n'), fixture: { dir: '/tmp/feedh/bench' } } as unknown as BenchContext;
const s = await feedSection(ctx);
console.log(formatSection(s));
