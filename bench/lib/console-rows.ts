import type { ItemSummary } from '../../src/core/console/formats';

const KINDS = ['slogan', 'case', 'video', 'notice', 'alert'] as const;
const STATUSES = ['draft', 'submitted', 'approved', 'rejected', 'published'] as const;
const TAGS = ['学校', '银行', '社区', '老人', '学生', 'bank', 'school', '海淀', '朝阳', '东城'];
const WORDS = ['冒充', '公检法', '客服', '退款', '刷单', '兼职', '网贷', '投资', '中奖', '快递', '陌生来电', '转账', '验证码', '屏幕共享', '安全账户'];

/** A deterministic pseudo-random sequence, so every run lists the same 5,000 rows. */
function lcg(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/** Library rows as the console's list route returns them, in the three languages' scripts. */
export function consoleRows(count: number): ItemSummary[] {
  const random = lcg(20261129);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  return Array.from({ length: count }, (_, i) => {
    const kind = KINDS[i % KINDS.length] ?? 'slogan';
    const status = pick(STATUSES);
    return {
      id: `${kind}-${String(i).padStart(5, '0')}`,
      kind,
      locale: pick(['zh-CN', 'zh-TW', 'en'] as const),
      title: `${pick(WORDS)}${pick(WORDS)}：${pick(WORDS)}，${pick(WORDS)} #${i}`,
      tags: [pick(TAGS), pick(TAGS)].filter((t, k, all) => all.indexOf(t) === k),
      status,
      rev: 1 + (i % 9),
      updatedBy: pick(['editor', 'wang', 'li', 'zhang']),
      updatedAt: new Date(Date.UTC(2026, 10, 1) + i * 60_000).toISOString(),
      live: status === 'published',
    };
  });
}
