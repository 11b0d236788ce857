import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * A Temporary Access Pass as stored with its method (`properties.passHash`): `sha256$<salt>$<digest>`. A TAP is random
 * (8+ characters from a 60+ letter alphabet) and short-lived, so a salted SHA-256 is enough, unlike a password.
 */
export function hashTemporaryAccessPass(pass: string): string {
  const salt = randomBytes(16).toString('hex');
  return `sha256$${salt}$${createHash('sha256').update(salt).update(pass, 'utf8').digest('hex')}`;
}

export function temporaryAccessPassMatches(stored: unknown, pass: string): boolean {
  if (typeof stored !== 'string') return false;
  const [scheme, salt, digest] = stored.split('$');
  if (scheme !== 'sha256' || !salt || !digest || digest.length !== 64) return false;
  const actual = createHash('sha256').update(salt).update(pass, 'utf8').digest();
  return timingSafeEqual(actual, Buffer.from(digest, 'hex'));
}
