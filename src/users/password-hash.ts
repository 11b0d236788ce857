import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/**
 * Users' passwords are kept only as scrypt hashes (Node's crypto: no native add-on, no install script), in the PHC
 * string format `$scrypt$ln=15,r=8,p=1$<salt>$<hash>` (base64, 16-byte random salt, 32-byte key), so the cost
 * can be raised later without invalidating stored hashes. N = 2^15, r = 8 (32 MiB) took about 200 ms per hash on
 * these 2-core machines; OWASP's 2^17 took about 700 ms (docs/choices.md, issue #14).
 */
const LOG_N = 15;
const R = 8;
const P = 1;
const KEY_LENGTH = 32;
const SALT_LENGTH = 16;
const FORMAT = /^\$scrypt\$ln=(\d{1,2}),r=(\d{1,2}),p=(\d{1,2})\$([A-Za-z0-9+/]+={0,2})\$([A-Za-z0-9+/]+={0,2})$/;

function derive(password: string, salt: Buffer, logN: number, r: number, p: number, length: number): Promise<Buffer> {
  const options: ScryptOptions = { N: 2 ** logN, r, p, maxmem: 2 * 128 * 2 ** logN * r * p };
  return new Promise((resolve, reject) => scrypt(password.normalize('NFC'), salt, length, options, (e, key) => (e ? reject(e) : resolve(key))));
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(SALT_LENGTH);
  const key = await derive(password, salt, LOG_N, R, P, KEY_LENGTH);
  return `$scrypt$ln=${LOG_N},r=${R},p=${P}$${salt.toString('base64')}$${key.toString('base64')}`;
}

/** A hash of a password nobody knows: checks against a missing hash cost the same time as real ones. */
let decoy: Promise<string> | undefined;

/**
 * Whether `password` matches `stored`, compared in constant time. A missing or unreadable hash (no such user, no
 * password set) still costs one full derivation and answers false, so timing does not tell which it was.
 */
export async function verifyPassword(stored: string | null | undefined, password: string): Promise<boolean> {
  const parsed = stored ? FORMAT.exec(stored) : null;
  if (!parsed || Number(parsed[1]) > 22 || Number(parsed[2]) > 32 || Number(parsed[3]) > 16) {
    await verifyPassword(await (decoy ??= hashPassword(randomBytes(32).toString('base64'))), password);
    return false;
  }
  const [, logN, r, p, salt, hash] = parsed;
  const expected = Buffer.from(hash, 'base64');
  const actual = await derive(password, Buffer.from(salt, 'base64'), Number(logN), Number(r), Number(p), expected.length);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
