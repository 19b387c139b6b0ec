import { existsSync } from 'node:fs';
import { chromium, type Browser, type CDPSession, type Page } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS } from '../../tests/e2e/helpers/player';

export { CHROMIUM } from '../../tests/e2e/helpers/player';

const BENCH_ARGS = [
  ...CHROMIUM_ARGS,
  // performance.memory is bucketed and delayed without it.
  '--enable-precise-memory-info',
];

/** Whether a headed browser can open: the bench re-runs itself under xvfb-run when not. */
export const hasDisplay = (): boolean => Boolean(process.env.DISPLAY);

export async function launchChromium(headed: boolean): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium is missing at ${CHROMIUM} (Debian package "chromium"); the bench never downloads a browser.`);
  }
  if (headed && !hasDisplay()) throw new Error('a headed browser needs a display: run under xvfb-run -a');
  return chromium.launch({ executablePath: CHROMIUM, headless: !headed, args: BENCH_ARGS });
}

export type Metrics = Readonly<Record<string, number>>;

export async function metricsSession(page: Page): Promise<CDPSession> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
  return cdp;
}

export async function readMetrics(cdp: CDPSession): Promise<Metrics> {
  const { metrics } = await cdp.send('Performance.getMetrics');
  return Object.fromEntries(metrics.map((m) => [m.name, m.value]));
}

export function delta(before: Metrics, after: Metrics, name: string): number {
  return (after[name] ?? 0) - (before[name] ?? 0);
}

/** Heap after two forced full collections, so garbage does not count as growth. */
export async function heapAfterGc(cdp: CDPSession): Promise<number> {
  await cdp.send('HeapProfiler.enable');
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  return usedSize;
}

export async function domCounters(cdp: CDPSession): Promise<{ documents: number; nodes: number; listeners: number }> {
  const c = await cdp.send('Memory.getDOMCounters');
  return { documents: c.documents, nodes: c.nodes, listeners: c.jsEventListeners };
}

/**
 * Every HTMLMediaElement alive in the page's heap (queryObjects walks the heap after a
 * GC), split into attached and detached: a detached one still holding a decoder leaks.
 */
export async function mediaElements(cdp: CDPSession): Promise<{ alive: number; detached: number }> {
  await cdp.send('Runtime.enable');
  const proto = await cdp.send('Runtime.evaluate', { expression: 'HTMLMediaElement.prototype' });
  const protoId = proto.result.objectId;
  if (!protoId) throw new Error('cannot reach HTMLMediaElement.prototype');
  const { objects } = await cdp.send('Runtime.queryObjects', { prototypeObjectId: protoId, objectGroup: 'bench' });
  if (!objects.objectId) throw new Error('queryObjects returned no array');
  // queryObjects matches the prototype chain, so HTMLVideoElement instances are included.
  const counted = await cdp.send('Runtime.callFunctionOn', {
    objectId: objects.objectId,
    functionDeclaration:
      'function () { const protos = [HTMLMediaElement.prototype, HTMLVideoElement.prototype, HTMLAudioElement.prototype]; const own = this.filter((e) => !protos.includes(e)); return { alive: own.length, detached: own.filter((e) => !e.isConnected).length }; }',
    returnByValue: true,
  });
  await cdp.send('Runtime.releaseObjectGroup', { objectGroup: 'bench' });
  return counted.result.value as { alive: number; detached: number };
}

/**
 * Every DOM node alive in the page's heap (after a GC) that is not in the document, counted
 * by node name: what Memory.getDOMCounters counts beyond the tree, when JS still holds it.
 */
export async function detachedNodes(cdp: CDPSession): Promise<Record<string, number>> {
  await cdp.send('Runtime.enable');
  await cdp.send('HeapProfiler.collectGarbage');
  const proto = await cdp.send('Runtime.evaluate', { expression: 'Node.prototype' });
  const protoId = proto.result.objectId;
  if (!protoId) throw new Error('cannot reach Node.prototype');
  const { objects } = await cdp.send('Runtime.queryObjects', { prototypeObjectId: protoId, objectGroup: 'bench-nodes' });
  if (!objects.objectId) throw new Error('queryObjects returned no array');
  const counted = await cdp.send('Runtime.callFunctionOn', {
    objectId: objects.objectId,
    // The array holds the prototypes too (HTMLElement.prototype …), whose getters throw: skipped.
    functionDeclaration:
      'function () { const out = {}; for (const n of this) { try { if (n.isConnected) continue; const k = n.nodeName; out[k] = (out[k] || 0) + 1; } catch { } } return out; }',
    returnByValue: true,
  });
  await cdp.send('Runtime.releaseObjectGroup', { objectGroup: 'bench-nodes' });
  return counted.result.value as Record<string, number>;
}
