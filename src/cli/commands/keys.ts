import { access, chmod, readFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { Manifest, type SignedEnvelope } from '../../core/feed/manifest';
import { writeFileAtomic } from '../../node/atomic-file';
import { generateEd25519, parsePrivateKey, signBytes } from '../../node/signing/ed25519';
import { flag, positionals, type CliIo, type Command } from '../io';

const exists = (path: string): Promise<boolean> => access(path).then(() => true, () => false);

export const keygenCommand: Command = {
  name: 'keygen',
  summary: 'Create an Ed25519 key pair for signing feeds',
  usage: [
    'Usage: kiosk keygen [--out <folder>] [--force]',
    '',
    'Writes feed-signing.key (private, keep it with the publisher only) and feed-signing.pub,',
    'and prints the one-line public key to put into the kiosk config as feeds.publicKey.',
  ].join('\n'),
  async run(args, io) {
    const out = resolve(io.cwd, flag(args, 'out') ?? '.');
    const privatePath = join(out, 'feed-signing.key');
    if ((await exists(privatePath)) && !args.includes('--force')) {
      io.err(`kiosk keygen: ${privatePath} exists; refusing to overwrite a key (use --force)`);
      return 1;
    }
    const pair = generateEd25519();
    await writeFileAtomic(privatePath, pair.privateKeyPem);
    await chmod(privatePath, 0o600);
    await writeFileAtomic(join(out, 'feed-signing.pub'), pair.publicKeyPem);
    io.out(`Private key: ${privatePath} (keep it secret, never put it on a kiosk)`);
    io.out(`Public key:  ${join(out, 'feed-signing.pub')}`);
    io.out('Put this into the kiosk config under "feeds":');
    io.out(`  "publicKey": "${pair.publicKeyBase64}"`);
    return 0;
  },
};

async function signManifest(path: string, text: string, keyPem: string, io: CliIo): Promise<number> {
  const key = parsePrivateKey(keyPem);
  if (!key.ok) return fail(io, key.error);
  const envelope: SignedEnvelope = {
    format: 'kiosk-signed-manifest/1',
    manifest: text,
    signature: signBytes(Buffer.from(text, 'utf8'), key.value),
  };
  const target = join(dirname(path), `${basename(path).replace(/\.json$/i, '')}.signed.json`);
  await writeFileAtomic(target, `${JSON.stringify(envelope, null, 2)}\n`);
  io.out(`Signed manifest written to ${target}; publish that file as the feed URL.`);
  return 0;
}

function fail(io: CliIo, message: string): number {
  io.err(`kiosk sign: ${message}`);
  return 1;
}

function asManifest(text: string): boolean {
  try {
    return Manifest.safeParse(JSON.parse(text)).success;
  } catch {
    return false;
  }
}

export const signCommand: Command = {
  name: 'sign',
  summary: 'Sign a feed (detached .sig) or a JSON manifest',
  usage: [
    'Usage: kiosk sign <feed-or-manifest> --key <feed-signing.key> [--force]',
    '',
    'A manifest (JSON with version, expires, items) becomes <name>.signed.json.',
    'Any other feed gets a detached signature <file>.sig, to publish next to it',
    '(the kiosk fetches <feed-url>.sig). Signed feeds must carry a version and an expiry:',
    'RSS/Atom <kiosk:version> and <kiosk:expires>, JSON Feed "_kiosk": { "version", "expires" }.',
  ].join('\n'),
  async run(args, io) {
    const [file] = positionals(args, ['key']);
    const keyPath = flag(args, 'key');
    if (!file || !keyPath) return fail(io, 'give a file and --key <private key>');
    const path = resolve(io.cwd, file);
    const bytes = await readFile(path);
    const keyPem = await readFile(resolve(io.cwd, keyPath), 'utf8');
    const text = bytes.toString('utf8');
    if (asManifest(text)) return signManifest(path, text, keyPem, io);
    // loaded on use: rss-parser would otherwise slow down every command's start
    const { parseFeedBytes } = await import('../../node/feed/parse-feed');
    const parsed = await parseFeedBytes(bytes, undefined);
    if (!parsed.ok) return fail(io, `${file} is not a readable feed: ${parsed.error}`);
    const { version, expires } = parsed.value.feed;
    if ((version === undefined || expires === undefined) && !args.includes('--force')) {
      return fail(io, `${file} has no ${version === undefined ? 'version' : 'expiry'}; a kiosk with a key would refuse it (see --help)`);
    }
    const key = parsePrivateKey(keyPem);
    if (!key.ok) return fail(io, key.error);
    await writeFileAtomic(`${path}.sig`, `${signBytes(bytes, key.value)}\n`);
    io.out(`Signature written to ${path}.sig; publish it next to the feed.`);
    return 0;
  },
};
