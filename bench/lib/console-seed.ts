import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { LibraryItem } from '../../src/core/console/formats';
import type { ScreenRecord, ScreenRegistryFile } from '../../src/core/fleet/screen-registry';
import { GENESIS_HASH, recordHash } from '../../src/core/report/record';
import { dataPaths } from '../../src/node/console/console-data';
import { REGISTRY_FILE } from '../../src/node/fleet/screen-registry';
import { toFile } from '../../src/node/console/library-store';

/**
 * A console data folder at branch-network scale, written directly (no fsync per file, no
 * password hashing): screens.json, one file per library item, and a hash-chained audit log
 * the console opens as its own. Seeded, so every run has the same rows.
 */
export interface SeedSizes {
  readonly screens: number;
  readonly items: number;
  readonly audit: number;
}

export const GROUPS = ['lobby', 'counter', 'atm', 'window', 'school'] as const;
export const WORDS = ['冒充', '公检法', '客服', '退款', '刷单', '兼职', '网贷', '投资', '中奖', '快递', '陌生来电', '转账', '验证码', 'refund', 'courier'];
const CITIES = ['Haidian', 'Chaoyang', 'Dongcheng', 'Xicheng', 'Fengtai', 'Pudong', 'Tianhe', 'Futian'];
const ACTORS = ['admin', 'wang', 'li', 'zhang', 'editor'];
const ACTIONS = ['edit', 'create', 'approve', 'submit', 'publish', 'sign-in', 'fleet-alert'];

export function lcg(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const sha256Hex = (text: string): string => createHash('sha256').update(text).digest('hex');
const BASE = Date.UTC(2026, 10, 1);

function screen(i: number, random: () => number): ScreenRecord {
  const group = GROUPS[i % GROUPS.length]!;
  const city = CITIES[Math.floor(random() * CITIES.length)]!;
  return {
    screenId: `scr-${String(i).padStart(5, '0')}`, name: `${city} branch ${Math.floor(i / 5)} ${group}`, group,
    publicKey: `MCowBQYDK2VwAyEA${sha256Hex(`k${i}`).slice(0, 43)}=`, brokerUser: `screen.${sha256Hex(`u${i}`).slice(0, 16)}`,
    secretHash: `scrypt$16384$8$1$${Buffer.from(`s${i}`).toString('base64')}$${Buffer.from(sha256Hex(`h${i}`)).toString('base64')}`,
    mosquittoHash: `$7$101$${Buffer.from(`s${i}`).toString('base64')}$${Buffer.from(sha256Hex(`m${i}`)).toString('base64')}`,
    createdAt: new Date(BASE + i * 60_000).toISOString(), via: i % 3 === 0 ? 'pairing' : 'token', revokedAt: i % 97 === 0 ? new Date(BASE + 86_400_000).toISOString() : null,
  };
}

function item(i: number, random: () => number): LibraryItem {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const at = new Date(BASE + i * 30_000).toISOString();
  const status = pick(['draft', 'submitted', 'approved', 'rejected'] as const);
  const text = `${pick(WORDS)}${pick(WORDS)}：${pick(WORDS)}，一律挂断 #${i}`;
  const content = i % 2 === 0
    ? { kind: 'slogan' as const, id: `item-${String(i).padStart(5, '0')}`, locale: 'zh-CN' as const, text }
    : { kind: 'notice' as const, id: `item-${String(i).padStart(5, '0')}`, locale: 'zh-CN' as const, variant: 'notice' as const, title: text, text: `${pick(WORDS)} ${pick(WORDS)} ${pick(WORDS)}`, tags: [pick(['elderly', 'students', 'bank', 'school'])] };
  const entry: LibraryItem = {
    item: content,
    workflow: { status, comment: '', rev: 1 + (i % 7), updatedBy: pick(ACTORS), updatedAt: at },
    targeting: { audience: [], regions: [], validity: { type: 'always' }, pins: [] },
  };
  return entry;
}

function auditLines(count: number, random: () => number): string {
  const lines: string[] = [];
  let prev = GENESIS_HASH;
  for (let seq = 0; seq < count; seq++) {
    const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
    const body = { seq, at: new Date(BASE + seq * 10_000).toISOString(), actor: pick(ACTORS), action: pick(ACTIONS), target: `item-${String(Math.floor(random() * 20_000)).padStart(5, '0')}`, detail: `${pick(WORDS)} rev ${seq % 9}`, prev };
    const hash = recordHash(body, sha256Hex);
    lines.push(JSON.stringify({ ...body, hash }));
    prev = hash;
  }
  return `${lines.join('\n')}\n`;
}

export async function seedConsole(dataDir: string, sizes: SeedSizes): Promise<void> {
  const paths = dataPaths(dataDir);
  const random = lcg(20261205);
  const screens = Array.from({ length: sizes.screens }, (_, i) => screen(i, random));
  const registry: ScreenRegistryFile = { format: 'kiosk-screens/1', screens };
  await mkdir(paths.library, { recursive: true });
  await mkdir(join(dataDir, 'audit'), { recursive: true });
  await writeFile(join(dataDir, REGISTRY_FILE), JSON.stringify(registry), { mode: 0o600 });
  await writeFile(paths.audit, auditLines(sizes.audit, random));
  const items = Array.from({ length: sizes.items }, (_, i) => item(i, random));
  for (let i = 0; i < items.length; i += 128) {
    await Promise.all(items.slice(i, i + 128).map((e) => writeFile(join(paths.library, `${e.item.id}.json`), `${JSON.stringify(toFile(e))}\n`)));
  }
}
