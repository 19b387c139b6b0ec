import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findProgram, missingMessage, missingTools, TOOLS } from '../../bench/lib/prerequisites';

const ROOT = join(__dirname, '..', '..');
const bin = mkdtempSync(join(tmpdir(), 'bench-path-'));
afterAll(() => rmSync(bin, { recursive: true, force: true }));

function fakeProgram(name: string): void {
  writeFileSync(join(bin, name), '#!/bin/sh\nexit 0\n');
  chmodSync(join(bin, name), 0o755);
}

describe('bench prerequisites: a missing program is named with its Debian package', () => {
  it('finds a bare name on PATH only, and an absolute one where it is', () => {
    fakeProgram('xvfb-run');
    expect(findProgram('xvfb-run', { PATH: bin })).toBe(true);
    expect(findProgram('ffmpeg', { PATH: bin })).toBe(false);
    expect(findProgram(process.execPath, { PATH: '' })).toBe(true);
    expect(findProgram('/nonexistent/chromium', { PATH: bin })).toBe(false);
  });

  it('asks for ffmpeg in every run, and xvfb only for the ticker without a display', () => {
    const names = (sections: string[], env: NodeJS.ProcessEnv): string[] => missingTools(sections, env).map((t) => t.debianPackage);
    expect(names(['feed'], { PATH: '' })).toEqual(['ffmpeg']);
    expect(names(['ticker'], { PATH: '' })).toContain('xvfb');
    expect(names(['ticker'], { PATH: '', DISPLAY: ':9' })).not.toContain('xvfb');
    const onlyFfmpeg = TOOLS.filter((t) => t.program === 'ffmpeg');
    expect(missingMessage(onlyFfmpeg)).toBe('[bench] missing ffmpeg (generates the stage clips): install with `sudo apt-get install -y ffmpeg` and run again');
  });

  it('`kiosk bench` without ffmpeg on PATH stops before building, with one line and exit code 2', () => {
    const empty = mkdtempSync(join(bin, 'empty-'));
    const r = spawnSync(process.execPath, [join(ROOT, 'bin/kiosk.js'), 'bench', '--build', '--only', 'feed', '--out', join(empty, 'r.json')], {
      cwd: ROOT,
      env: { ...process.env, PATH: empty, KIOSK_CLI: 'sources' },
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(r.status).toBe(2);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toEqual(['[bench] missing ffmpeg (generates the stage clips): install with `sudo apt-get install -y ffmpeg` and run again']);
    expect(r.stdout).toBe('');
  }, 150_000);
});
