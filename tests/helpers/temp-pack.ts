import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TempPack {
  readonly dir: string;
  readonly playlist: string;
  readonly config: string;
  readonly dataDir: string;
}

export const SAMPLE_ITEMS = [
  { kind: 'slogan', id: 's1', locale: 'zh-CN', text: '未知链接不点击' },
  { kind: 'slogan', id: 's2', locale: 'en', text: 'Unknown links: do not click' },
  {
    kind: 'case',
    id: 'case-01-zh-cn',
    locale: 'zh-CN',
    title: '冒充客服退款',
    fraudType: 'fake-customer-service-refund',
    story: '小王接到自称客服的电话，说快递丢失要理赔。',
    amountLost: 12000,
    lesson: '退款只走官方平台。',
    date: '2023-05-01',
    source: 'test',
  },
  { kind: 'video', id: 'v1', locale: 'zh-CN', title: '视频', file: 'media/clip.webm' },
] as const;

/** A playlist, a pack file, a media file and a config in a fresh temp folder. */
export async function makeTempPack(items: readonly unknown[] = SAMPLE_ITEMS): Promise<TempPack> {
  const dir = await mkdtemp(join(tmpdir(), 'kiosk-pack-'));
  await mkdir(join(dir, 'media'));
  await writeFile(join(dir, 'media/clip.webm'), Buffer.from(Array.from({ length: 1000 }, (_, i) => i % 256)));
  await writeFile(join(dir, 'pack.json'), JSON.stringify({ items }));
  const playlist = join(dir, 'test.playlist.json');
  await writeFile(
    playlist,
    JSON.stringify({ name: 'Test', pack: ['pack.json'], locales: ['zh-CN', 'en'], stage: [{ type: 'next-video' }] }),
  );
  const config = join(dir, 'config.json');
  await writeFile(config, JSON.stringify({ playlist, organisation: '测试学校', screenId: 'lobby-1' }));
  return { dir, playlist, config, dataDir: join(dir, 'data') };
}
