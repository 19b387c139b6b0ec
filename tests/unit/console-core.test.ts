import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { LibraryItem, Role, WorkflowStatus } from '../../src/core/console/formats';
import { rssText } from '../../src/core/console/feed-documents';
import { sniffMedia, isWebVtt } from '../../src/core/console/media-kind';
import { planPublish, validOn } from '../../src/core/console/publish-plan';
import { playableOn } from '../../src/core/content/selection';
import { transition, type Action } from '../../src/core/console/workflow';
import { policyConfig } from '../../src/core/policy/content-policy';

const now = new Date('2026-03-15T04:00:00Z');
const entry = (status: WorkflowStatus, text = '先核实，再转账', extra: Partial<LibraryItem> = {}): LibraryItem => ({
  item: { kind: 'slogan', id: `s-${status}`, locale: 'zh-CN', text },
  workflow: { status, comment: '', rev: 3, updatedBy: 'ed', updatedAt: now.toISOString() },
  targeting: { audience: [], regions: [], validity: { type: 'always' }, pins: [] },
  ...extra,
});

describe('workflow', () => {
  const allowed: Record<Action, { from: WorkflowStatus[]; role: Role }> = {
    submit: { from: ['draft', 'rejected'], role: 'editor' },
    withdraw: { from: ['submitted'], role: 'editor' },
    approve: { from: ['submitted'], role: 'publisher' },
    reject: { from: ['submitted', 'approved'], role: 'publisher' },
  };
  const statuses: WorkflowStatus[] = ['draft', 'submitted', 'approved', 'rejected', 'published'];
  for (const [action, rule] of Object.entries(allowed) as [Action, (typeof allowed)[Action]][]) {
    for (const status of statuses) {
      for (const role of ['editor', 'publisher', 'admin'] as Role[]) {
        const ok = rule.from.includes(status) && role === rule.role;
        it(`${role} ${ok ? 'may' : 'may not'} ${action} a ${status} item`, () => {
          const moved = transition(entry(status), action, 'fix the wording', 3, { username: 'u', roles: [role] }, now);
          expect(moved.ok).toBe(ok);
          if (!moved.ok && role !== rule.role) expect(moved.error).toEqual({ code: 'forbidden', message: `${action} needs the ${rule.role} role` });
          if (moved.ok) expect(moved.value).toMatchObject({ rev: 4, updatedBy: 'u', updatedAt: now.toISOString() });
        });
      }
    }
  }
  it('sending back needs a comment, and a stale rev is a conflict', () => {
    const publisher = { username: 'p', roles: ['publisher' as const] };
    expect(transition(entry('submitted'), 'reject', '  ', 3, publisher, now)).toMatchObject({ ok: false, error: { code: 'invalid' } });
    expect(transition(entry('submitted'), 'approve', '', 2, publisher, now)).toMatchObject({ ok: false, error: { code: 'conflict' } });
  });
});

describe('validity', () => {
  it('a season may cross the new year; a window may be open on one side', () => {
    const winter = { type: 'season' as const, from: '12-01', until: '02-28' };
    expect(['2026-12-01', '2027-01-15', '2026-02-28'].map((d) => validOn(winter, d))).toEqual([true, true, true]);
    expect(['2026-03-01', '2026-11-30'].map((d) => validOn(winter, d))).toEqual([false, false]);
    expect(validOn({ type: 'window', from: '2026-03-16' }, '2026-03-15')).toBe(false);
    expect(validOn({ type: 'window', until: '2026-03-15' }, '2026-03-15')).toBe(true);
  });
});

describe('publish plan', () => {
  const policy = policyConfig({ blockedTerms: [], allowedPhones: [], allowedLinkHosts: [] });
  it('publishes approved content and the last published version of items edited since; never drafts or rejected ones', () => {
    const live = { kind: 'slogan' as const, id: 's-draft', locale: 'zh-CN' as const, text: '旧的已发布版本' };
    const plan = planPublish({
      entries: [entry('approved'), entry('draft', '新草稿', { published: live }), entry('submitted'), entry('rejected')],
      media: new Map(), policy, now, timeZone: 'Asia/Shanghai',
    });
    expect(plan.blockers).toEqual([]);
    expect(plan.items.map((i) => i.item)).toEqual([entry('approved').item, live]);
    expect(plan.approvedIds).toEqual(['s-approved']);
  });
  it('is refused with each reason: policy failures and media missing from the library', () => {
    const video: LibraryItem = { ...entry('approved'), item: { kind: 'video', id: 'v', locale: 'zh-CN', title: '视频', file: 'media/gone.webm' } };
    const plan = planPublish({ entries: [entry('approved', '加微信 abc 领奖 https://evil.example/x'), video], media: new Map(), policy, now, timeZone: 'Asia/Shanghai' });
    expect(plan.blockers).toEqual([
      { id: 's-approved', reason: expect.stringMatching(/evil\.example/) },
      { id: 'v', reason: 'file "media/gone.webm" is not in the media library' },
    ]);
  });
  it('publishes an item outside its validity with the validity as data: each screen judges it by its own clock', () => {
    const validity = { type: 'season', from: '01-20', until: '02-20' } as const;
    const later = entry('approved', '春节防骗', { targeting: { audience: ['elderly'], regions: [], validity, pins: [] } });
    const [planned] = planPublish({ entries: [later], media: new Map(), policy, now, timeZone: 'Asia/Shanghai' }).items;
    expect(planned?.item).toMatchObject({ id: 's-approved', validity });
    if (!planned) throw new Error('not planned');
    expect(['2027-01-19', '2027-01-20', '2027-02-20', '2027-02-21'].map((d) => playableOn(planned.item, {}, d))).toEqual([false, true, true, false]);
  });
});

describe('media checks by content', () => {
  it('knows WebM and MP4 by their first bytes, not their names', () => {
    const webm = readFileSync(join(import.meta.dirname, '../../playlists/pack/media/video-fake-police.zh-CN.cn.webm')).subarray(0, 4096);
    expect(sniffMedia(webm)).toBe('video/webm');
    const mp4 = Buffer.concat([Buffer.from([0, 0, 0, 0x20]), Buffer.from('ftypisom'), Buffer.alloc(20)]);
    expect(sniffMedia(mp4)).toBe('video/mp4');
    const matroska = Buffer.from(webm);
    matroska.write('mkvx', webm.indexOf('webm'));
    expect(sniffMedia(matroska)).toBeUndefined();
    expect(sniffMedia(Buffer.from('<html>not a video</html>'))).toBeUndefined();
    expect(isWebVtt('WEBVTT\n\n00:00.000 --> 00:01.000\n字幕')).toBe(true);
    expect(isWebVtt('1\n00:00:00,000 --> 00:00:01,000\nSRT')).toBe(false);
  });
});

describe('feed documents', () => {
  it('write RSS that stays well-formed whatever the text holds', () => {
    const item = { kind: 'slogan' as const, id: 's', locale: 'zh-CN' as const, text: 'a\u0007b <script>&"\'' };
    const text = rssText([{ item, tags: ['x&y'], media: [] }], { version: 3, expires: '2026-04-01T00:00:00.000Z', baseUrl: 'https://e.org/f', title: 'T' });
    expect(text).toContain('<title>ab &lt;script&gt;&amp;&quot;&apos;</title>');
    expect(text).toContain('<category>x&amp;y</category>');
    expect(text).toContain('<kiosk:version>3</kiosk:version>');
  });
});
