import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { Account, Role, Username, type Account as AccountT } from '../../core/console/formats';
import { err, ok, type Result } from '../../core/result';
import type { Failure } from '../../core/console/workflow';
import { writeFileAtomic } from '../atomic-file';
import { readJsonAs } from '../json-file';
import { serial } from './serial';

const StoredAccount = z.strictObject({
  username: Username,
  roles: z.array(Role).min(1),
  disabled: z.boolean(),
  createdAt: z.string(),
  /** `scrypt$N$r$p$salt$hash`, salt and hash base64. */
  password: z.string(),
});
type StoredAccount = z.infer<typeof StoredAccount>;
const AccountsFile = z.strictObject({ accounts: z.array(StoredAccount) });

// N=2^15, r=8: about 32 MiB and tens of milliseconds per check (OWASP's scrypt minimum is N=2^17 with p=1
// at 128 MiB; this keeps a 2-core box responsive while still costly to brute-force offline).
const N = 32768;
const R = 8;
const P = 1;
const KEY = 32;

function derive(password: string, salt: Buffer, n: number, r: number, p: number): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(password, salt, KEY, { N: n, r, p, maxmem: 256 * n * r }, (e, key) => (e ? reject(e) : resolve(key))),
  );
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, N, R, P);
  return `scrypt$${N}$${R}$${P}$${salt.toString('base64')}$${key.toString('base64')}`;
}

export async function checkPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64');
  const key = await derive(password, Buffer.from(salt, 'base64'), Number(n), Number(r), Number(p));
  return key.length === expected.length && timingSafeEqual(key, expected);
}

const view = ({ password: _secret, ...account }: StoredAccount): AccountT => Account.parse(account);

export interface Accounts {
  list(): AccountT[];
  isEmpty(): boolean;
  get(username: string): AccountT | undefined;
  create(username: string, password: string, roles: readonly Role[], now: Date): Promise<Result<AccountT, Failure>>;
  change(username: string, change: { roles?: Role[] | undefined; password?: string | undefined; disabled?: boolean | undefined }): Promise<Result<AccountT, Failure>>;
  /** The account when the password is right and the account enabled. */
  verify(username: string, password: string): Promise<AccountT | undefined>;
}

// Compared against when the user does not exist, so timing does not tell which names exist.
const DUMMY = `scrypt$${N}$${R}$${P}$${Buffer.alloc(16).toString('base64')}$${Buffer.alloc(KEY).toString('base64')}`;

export async function openAccounts(path: string): Promise<Accounts> {
  const read = await readJsonAs(path, AccountsFile);
  if (!read.ok && !read.error.some((l) => l.includes('cannot read'))) throw new Error(read.error.join('\n'));
  const accounts = new Map((read.ok ? read.value.accounts : []).map((a) => [a.username, a]));
  const queue = serial();
  const persist = (): Promise<void> => writeFileAtomic(path, `${JSON.stringify({ accounts: [...accounts.values()] }, null, 2)}\n`, 0o600);
  const lastAdmin = (name: string, next: StoredAccount): boolean =>
    ![...accounts.values()].some((a) => a.username !== name && !a.disabled && a.roles.includes('admin')) &&
    (next.disabled || !next.roles.includes('admin'));
  return {
    list: () => [...accounts.values()].map(view),
    isEmpty: () => accounts.size === 0,
    get: (username) => {
      const a = accounts.get(username);
      return a ? view(a) : undefined;
    },
    create: (username, password, roles, now) =>
      queue(async () => {
        if (accounts.has(username)) return err({ code: 'conflict', message: `account "${username}" exists` });
        const record = { username, roles: [...new Set(roles)], disabled: false, createdAt: now.toISOString(), password: await hashPassword(password) };
        accounts.set(username, record);
        await persist();
        return ok(view(record));
      }),
    change: (username, change) =>
      queue(async () => {
        const current = accounts.get(username);
        if (!current) return err({ code: 'not-found', message: `no account "${username}"` });
        const next: StoredAccount = {
          ...current,
          ...(change.roles ? { roles: [...new Set(change.roles)] } : {}),
          ...(change.disabled !== undefined ? { disabled: change.disabled } : {}),
          ...(change.password ? { password: await hashPassword(change.password) } : {}),
        };
        if (lastAdmin(username, next)) return err({ code: 'invalid', message: 'keep at least one enabled admin' });
        accounts.set(username, next);
        await persist();
        return ok(view(next));
      }),
    async verify(username, password) {
      const record = accounts.get(username);
      const good = await checkPassword(password, record?.password ?? DUMMY);
      return record && good && !record.disabled ? view(record) : undefined;
    },
  };
}
