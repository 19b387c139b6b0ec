import { describe, expect, it } from 'vitest';
import { judgeDisk, judgeFile, judgeManifest, judgeVersion, newerSource, referencedMedia } from '../../src/core/bundle/judge';
import { BUNDLE_FORMAT, type BundleManifest } from '../../src/core/bundle/manifest';
import { bundleDirOf, ignoredByWatch, removableRoots, stickDepth } from '../../src/core/bundle/mount-roots';
import { linesAfter, NO_MARK, returnsStart } from '../../src/core/bundle/returns-plan';

const A = 'a'.repeat(64);
const B = 'b'.repeat(64);
const manifest: BundleManifest = {
  format: BUNDLE_FORMAT, version: 4, publisher: A, created: '2026-12-01T08:00:00Z',
  files: [{ path: 'versions/00000004/feed.json', bytes: 10, sha256: B }, { path: `media/${B}.webm`, bytes: 20, sha256: B }],
};
const text = JSON.stringify(manifest);
const facts = { manifestText: text, signatureText: 'sig', publisher: A, signatureValid: () => true };

describe('judging a bundle on a stick', () => {
  it('takes a whole manifest from the configured publisher with a good signature', () => {
    expect(judgeManifest(facts)).toEqual({ ok: true, value: manifest });
  });

  it('names each refusal', () => {
    const kind = (f: Partial<typeof facts> & { manifestText?: string | undefined }) => {
      const judged = judgeManifest({ ...facts, ...f });
      return judged.ok ? 'ok' : judged.error.kind;
    };
    expect(kind({ manifestText: undefined })).toBe('torn');
    expect(kind({ manifestText: text.slice(0, 40) })).toBe('torn');
    expect(kind({ signatureText: undefined })).toBe('torn');
    expect(kind({ publisher: undefined })).toBe('no-key');
    expect(kind({ publisher: B })).toBe('other-publisher');
    expect(kind({ signatureValid: () => false })).toBe('tampered');
    expect(kind({ manifestText: JSON.stringify({ ...manifest, extra: 1 }) })).toBe('invalid');
    expect(kind({ manifestText: JSON.stringify({ ...manifest, files: [{ path: '../etc/passwd', bytes: 1, sha256: A }] }) })).toBe('invalid');
    expect(kind({ manifestText: JSON.stringify({ ...manifest, files: [{ path: 'versions/00000003/feed.json', bytes: 1, sha256: A }] }) })).toBe('invalid');
  });

  it('compares versions with what the screen holds', () => {
    expect(judgeVersion(manifest, null)).toBe('newer');
    expect(judgeVersion(manifest, 3)).toBe('newer');
    expect(judgeVersion(manifest, 4)).toBe('same');
    expect(judgeVersion(manifest, 5)).toMatchObject({ kind: 'older' });
  });

  it('tells a torn file from a changed one', () => {
    const file = { path: 'media/x.webm', bytes: 20, sha256: A };
    expect(judgeFile(file, undefined)?.kind).toBe('torn');
    expect(judgeFile(file, { bytes: 19 })?.kind).toBe('torn');
    expect(judgeFile(file, { bytes: 21 })?.kind).toBe('tampered');
    expect(judgeFile(file, { bytes: 20, sha256: B })?.kind).toBe('tampered');
    expect(judgeFile(file, { bytes: 20 })).toBeNull();
    expect(judgeFile(file, { bytes: 20, sha256: A })).toBeNull();
  });

  it('checks the disk before copying', () => {
    expect(judgeDisk(manifest, 1000, 100)).toBeNull();
    expect(judgeDisk(manifest, 129, 100)?.kind).toBe('disk');
    expect(judgeDisk(manifest, null, 100)).toBeNull();
  });

  it('plays the newer of stick and feed', () => {
    expect(newerSource(null, 3)).toBe('feed');
    expect(newerSource(4, 3)).toBe('bundle');
    expect(newerSource(3, 3)).toBe('feed');
    expect(newerSource(2, null)).toBe('bundle');
  });

  it('takes only the media the documents name', () => {
    expect(referencedMedia([`{"x":"${B}"}`], [`${A}.webm`, `${B}.png`, 'notes.txt'])).toEqual([`${B}.png`]);
  });
});

describe('where sticks appear', () => {
  it('lists the usual mount points per platform', () => {
    expect(removableRoots('linux', 'ada')).toEqual(['/media', '/run/media/ada', '/mnt']);
    expect(removableRoots('darwin', 'ada')).toEqual(['/Volumes']);
    expect(removableRoots('win32', 'ada')).toContain('E:\\');
    expect([stickDepth('/media'), stickDepth('/mnt'), stickDepth('E:\\')]).toEqual([2, 1, 0]);
  });

  it('finds the bundle folder a change belongs to, and leaves returns alone', () => {
    expect(bundleDirOf('/media/ada/STICK/anti-fraud-kiosk/media/x.webm')).toBe('/media/ada/STICK/anti-fraud-kiosk');
    expect(bundleDirOf('E:\\anti-fraud-kiosk\\manifest.json')).toBe('E:\\anti-fraud-kiosk');
    expect(bundleDirOf('/media/ada/STICK/photos/a.jpg')).toBeUndefined();
    expect(bundleDirOf('/mnt/s/anti-fraud-kiosk/returns/lobby-1/status.json')).toBeUndefined();
    expect(ignoredByWatch('/mnt/s/anti-fraud-kiosk/returns')).toBe(true);
    expect(ignoredByWatch('/mnt/s/anti-fraud-kiosk/media')).toBe(false);
  });
});

describe('returns since the last visit', () => {
  const line = (seq: number): string => JSON.stringify({ seq, hash: String(seq).repeat(64).slice(0, 64) });
  const files = [{ name: 'plays-000001.jsonl', text: `${line(0)}\n${line(1)}\n` }, { name: 'plays-000002.jsonl', text: `${line(2)}\n{"seq":3,"ha` }];

  it('takes whole lines after the mark, leaving a torn last line', () => {
    expect(linesAfter(files, NO_MARK)).toMatchObject({ firstSeq: 0, lastSeq: 2, lines: [line(0), line(1), line(2)] });
    expect(linesAfter(files, { seq: 1, hash: A })).toMatchObject({ firstSeq: 2, lastSeq: 2 });
    expect(linesAfter(files, { seq: 2, hash: A })).toBeUndefined();
  });

  it('starts where returns still on the stick started, so none are lost', () => {
    const mark = { seq: 9, hash: A };
    expect(returnsStart({ hasPlays: false, anchor: null }, mark)).toEqual(mark);
    expect(returnsStart({ hasPlays: true, anchor: null }, mark)).toEqual(NO_MARK);
    expect(returnsStart({ hasPlays: true, anchor: { file: 'plays-000000.jsonl', lastSeq: 4, lastHash: B } }, mark)).toEqual({ seq: 4, hash: B });
  });
});
