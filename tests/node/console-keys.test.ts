import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadOrCreateKeys } from '../../src/node/console/keys';
import { REPO_ROOT } from '../helpers/console-client';

let dir: string;
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** `kiosk console` from the sources, as an operator runs it; resolves with its exit code and stderr. */
function kioskConsole(dataDir: string): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(REPO_ROOT, 'bin/kiosk.js'), 'console', '--data', dataDir, '--port', '0', '--no-fleet'], {
      cwd: REPO_ROOT, env: { ...process.env, KIOSK_CLI: 'sources' }, stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, stderr }));
  });
}

describe('the publisher key', { timeout: 60_000 }, () => {
  it('a corrupt publisher.key stops `kiosk console`, naming the file, and is left as it was', async () => {
    dir = await mkdtemp(join(tmpdir(), 'console-keys-'));
    const file = join(dir, 'keys', 'publisher.key');
    await mkdir(join(dir, 'keys'), { recursive: true });
    const corrupt = Buffer.from('-----BEGIN PRIVATE KEY-----\nnot a key at all\n-----END PRIVATE KEY-----\n\u0000\u00ff');
    await writeFile(file, corrupt, { mode: 0o600 });
    const run = await kioskConsole(dir);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain(`kiosk console: ${file}: not a readable private key`);
    expect(run.stderr).toContain('will not replace a signing key it cannot read');
    expect(Buffer.compare(await readFile(file), corrupt)).toBe(0);
  });

  it('an unreadable publisher.key is refused the same way; a missing public key is derived again from the private one', async () => {
    dir = await mkdtemp(join(tmpdir(), 'console-keys-'));
    await mkdir(join(dir, 'publisher.key'));
    await expect(loadOrCreateKeys(dir)).rejects.toThrow(`${join(dir, 'publisher.key')}: cannot be read (EISDIR)`);
    await rm(join(dir, 'publisher.key'), { recursive: true });
    const made = await loadOrCreateKeys(dir);
    const pem = await readFile(join(dir, 'publisher.key'), 'utf8');
    await rm(join(dir, 'publisher.pub'));
    const again = await loadOrCreateKeys(dir);
    expect(again.publicKeyBase64).toBe(made.publicKeyBase64);
    expect((await readFile(join(dir, 'publisher.pub'), 'utf8')).trim()).toBe(made.publicKeyBase64);
    await writeFile(join(dir, 'publisher.pub'), 'a public key of another pair\n');
    expect((await loadOrCreateKeys(dir)).publicKeyBase64).toBe(made.publicKeyBase64);
    expect(await readFile(join(dir, 'publisher.key'), 'utf8')).toBe(pem);
  });
});
