import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const eslint = new ESLint({ cwd: root });

/** What `npm run lint` says about `code` saved as `filePath` (the config is the repo's own). */
async function lintAs(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, filePath) });
  return (result?.messages ?? []).map((m) => `${m.ruleId ?? 'parse'}: ${m.message}`);
}

describe('layer rules from layers.config.js fail lint', () => {
  it('core importing the composition root (src/app) fails', async () => {
    const messages = await lintAs('src/core/feed/planted.ts', "import { createKioskRuntime } from '../../app/runtime';\nexport const x = createKioskRuntime;\n");
    expect(messages).toEqual([expect.stringMatching(/layers\/imports: The core layer may import no other layer; '\.\.\/\.\.\/app\/runtime' is in the app layer/)]);
  });

  it('the server reaching the shell fails', async () => {
    const messages = await lintAs('src/server/planted.ts', "import { startShell } from '../main/app-shell';\nexport const x = startShell;\n");
    expect(messages).toEqual([expect.stringMatching(/The server layer may import core; '\.\.\/main\/app-shell' is in the shell layer/)]);
  });

  it('the renderer reaching services, or services reaching the app, fails', async () => {
    const renderer = await lintAs('src/renderer/planted.ts', "export { createMediaCache } from '../node/cache/media-cache';\n");
    expect(renderer).toEqual([expect.stringMatching(/The renderer layer may import core, web; .* is in the services layer/)]);
    const services = await lintAs('src/node/planted.ts', "export type { KioskRuntime } from '../app/runtime';\n");
    expect(services).toEqual([expect.stringMatching(/The services layer may import core; '\.\.\/app\/runtime' is in the app layer/)]);
  });

  it('packages follow the layer: no Node in core or the renderer, Electron only in the shell, React only in UIs', async () => {
    expect(await lintAs('src/core/planted.ts', "import { readFileSync } from 'node:fs';\nimport { Hono } from 'hono';\nexport const x = [readFileSync, Hono];\n")).toEqual([
      expect.stringMatching(/Node built-in 'node:fs' is not allowed in the core layer/),
      expect.stringMatching(/The core layer may import only zod, tldts; not 'hono'/),
    ]);
    expect(await lintAs('src/renderer/planted.ts', "export { join } from 'path';\n")).toEqual([expect.stringMatching(/Node built-in 'path'/)]);
    expect(await lintAs('src/server/planted.ts', "export { app } from 'electron';\n")).toEqual([expect.stringMatching(/Only the shell layer talks to Electron/)]);
    expect(await lintAs('src/cli/planted.ts', "export { useState } from 'react';\n")).toEqual([expect.stringMatching(/React belongs in the renderer and console-ui layers/)]);
  });

  it('every layer has a package allow-list: an unlisted package in the server, services or renderer fails', async () => {
    expect(await lintAs('src/server/planted.ts', "import express from 'express';\nexport const x = express;\n")).toEqual([
      expect.stringMatching(/The server layer may import only hono, @hono\/node-server, zod; not 'express'/),
    ]);
    expect(await lintAs('src/node/planted.ts', "import { chromium } from 'playwright-core';\nexport const x = chromium;\n")).toEqual([
      expect.stringMatching(/The services layer may import only .*undici.*; not 'playwright-core'/),
    ]);
    expect(await lintAs('src/renderer/planted.ts', "import { z } from 'zod';\nimport QRCode from 'qrcode';\nexport const x = [z, QRCode];\n")).toEqual([
      expect.stringMatching(/The renderer layer may import only @fontsource\/noto-sans, .*; not 'zod'/),
      expect.stringMatching(/The renderer layer may import only @fontsource\/noto-sans, .*; not 'qrcode'/),
    ]);
    expect(await lintAs('src/node/planted.ts', "import { request } from 'undici';\nimport { z } from 'zod';\nexport const x = [request, z];\n")).toEqual([]);
  });

  it('a folder no layer claims is an error, and allowed edges stay clean', async () => {
    expect(await lintAs('src/misc/planted.ts', 'export const x = 1;\n')).toEqual([expect.stringMatching(/src\/misc\/planted\.ts is in no layer/)]);
    const allowed = "import { createKioskRuntime } from '../app/runtime';\nimport { createApp } from '../server/app';\nimport { ok } from '../core/result';\nexport const x = [createKioskRuntime, createApp, ok];\n";
    expect(await lintAs('src/main/planted.ts', allowed)).toEqual([]);
  });
});

describe('core compiles without Node or DOM types (tsconfig.core.json)', () => {
  const config = ts.getParsedCommandLineOfConfigFile(path.join(root, 'tsconfig.core.json'), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined });
  const globals = path.join(root, 'types/core-globals.d.ts');

  function compile(code: string): string[] {
    const planted = path.join(root, 'src/core/planted.ts');
    const options = { ...config?.options, noEmit: true, composite: false, incremental: false };
    const host = ts.createCompilerHost(options);
    const readFile = host.readFile.bind(host);
    host.readFile = (file) => (path.resolve(file) === planted ? code : readFile(file));
    host.fileExists = (file) => path.resolve(file) === planted || ts.sys.fileExists(file);
    const program = ts.createProgram([planted, globals], options, host);
    return ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
  }

  it('Buffer, process, performance and crypto are compile errors in core', () => {
    expect(config?.options.types).toEqual([]);
    const errors = compile('export const a = [Buffer.from("x"), process.env, performance.now(), crypto.randomUUID()];\n');
    for (const name of ['Buffer', 'process', 'performance', 'crypto']) {
      expect(errors.some((e) => e.includes(`Cannot find name '${name}'`))).toBe(true);
    }
  });

  it('the isomorphic URL and TextEncoder still compile', () => {
    expect(compile('export const host = new URL("https://a.example/x").hostname;\nexport const n = new TextEncoder().encode("é").length;\n')).toEqual([]);
  });
});
