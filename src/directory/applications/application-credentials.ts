import { createHash, randomBytes, randomUUID, timingSafeEqual, X509Certificate } from 'node:crypto';
import { importX509, jwtVerify } from 'jose';
import { GraphErrors } from '../../graph/errors/graph.exception.js';
import type { StoredKeyCredential, StoredPasswordCredential } from './application.entity.js';

/** The characters of Entra's generated secrets (URL- and shell-safe). */
const SECRET_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_~.-';
const SECRET_LENGTH = 40;
/** Graph's default lifetime of a secret when `endDateTime` is not sent: two years. */
const DEFAULT_SECRET_YEARS = 2;
/** `aud` of an addKey/removeKey proof (Azure AD Graph's app id, as Graph documents). */
export const PROOF_AUDIENCE = '00000002-0000-0000-c000-000000000000';

/**
 * A client secret: 40 random characters (about 240 bits), shown once. Only its SHA-256 is stored: with
 * that much entropy a slow password hash adds nothing but cost on every token request (docs/choices.md).
 */
export function generateSecret(): string {
  const bytes = randomBytes(SECRET_LENGTH);
  let out = '';
  for (const b of bytes) out += SECRET_ALPHABET[b % SECRET_ALPHABET.length];
  return out;
}

export function hashSecret(secretText: string): string {
  return createHash('sha256').update(secretText, 'utf8').digest('hex');
}

/** Constant-time comparison of a presented secret with a stored credential's hash. */
export function secretMatches(credential: Pick<StoredPasswordCredential, 'secretHash'>, presented: string): boolean {
  const a = Buffer.from(credential.secretHash, 'hex');
  const b = Buffer.from(hashSecret(presented), 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}

/** An ISO date-time from the body, or the default; a value that is not a date is a 400 naming the property. */
export function dateOrDefault(value: string | null | undefined, property: string, fallback: Date): Date {
  if (value === undefined || value === null) return fallback;
  const d = new Date(value);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(value) || Number.isNaN(d.getTime())) {
    throw GraphErrors.invalidProperty(`Invalid value specified for property '${property}': must be an ISO 8601 date-time.`);
  }
  return d;
}

export function newPasswordCredential(
  input: { displayName?: string | null; startDateTime?: string | null; endDateTime?: string | null } | null | undefined,
  now = new Date(),
  /** The seed file's own secret (src/seed/); `addPassword` always generates one. Stored the same way: hashed. */
  givenSecret?: string,
): { stored: StoredPasswordCredential; secretText: string } {
  const start = dateOrDefault(input?.startDateTime, 'passwordCredential.startDateTime', now);
  const defaultEnd = new Date(start);
  defaultEnd.setUTCFullYear(defaultEnd.getUTCFullYear() + DEFAULT_SECRET_YEARS);
  const end = dateOrDefault(input?.endDateTime, 'passwordCredential.endDateTime', defaultEnd);
  if (end <= start) {
    throw GraphErrors.invalidProperty("Invalid value specified for property 'passwordCredential.endDateTime': must be after startDateTime.");
  }
  const secretText = givenSecret ?? generateSecret();
  return {
    secretText,
    stored: {
      keyId: randomUUID(),
      displayName: input?.displayName ?? null,
      hint: secretText.slice(0, 3),
      startDateTime: start.toISOString(),
      endDateTime: end.toISOString(),
      secretHash: hashSecret(secretText),
    },
  };
}

function certificateOf(base64: string, property: string): X509Certificate {
  try {
    if (!/^[A-Za-z0-9+/=\s]+$/.test(base64)) throw new Error('not base64');
    return new X509Certificate(Buffer.from(base64, 'base64'));
  } catch {
    throw GraphErrors.invalidProperty(`Invalid value specified for property '${property}': must be a base64-encoded DER X.509 certificate.`);
  }
}

/** A certificate credential from a body: parsed (400 if it is not one), dates from the certificate unless sent. */
export function newKeyCredential(
  input: {
    key: string;
    displayName?: string | null;
    keyId?: string;
    customKeyIdentifier?: string | null;
    startDateTime?: string | null;
    endDateTime?: string | null;
    type: string;
    usage: string;
  },
  property: string,
): StoredKeyCredential {
  const cert = certificateOf(input.key, `${property}.key`);
  if (cert.publicKey.asymmetricKeyType !== 'rsa') {
    throw GraphErrors.invalidProperty(`Invalid value specified for property '${property}.key': only RSA certificates are supported.`);
  }
  const start = dateOrDefault(input.startDateTime, `${property}.startDateTime`, new Date(cert.validFrom));
  const end = dateOrDefault(input.endDateTime, `${property}.endDateTime`, new Date(cert.validTo));
  if (end <= start) throw GraphErrors.invalidProperty(`Invalid value specified for property '${property}.endDateTime': must be after startDateTime.`);
  const thumbprint = Buffer.from(cert.fingerprint.replace(/:/g, ''), 'hex').toString('base64');
  return {
    keyId: input.keyId?.toLowerCase() ?? randomUUID(),
    displayName:
      input.displayName ??
      `CN=${
        cert.subject
          .split('\n')
          .find((l) => l.startsWith('CN='))
          ?.slice(3) ?? ''
      }`,
    type: input.type,
    usage: input.usage,
    key: cert.raw.toString('base64'),
    customKeyIdentifier: input.customKeyIdentifier ?? thumbprint,
    startDateTime: start.toISOString(),
    endDateTime: end.toISOString(),
  };
}

/** The application's certificates valid now. */
export function validKeys(keys: StoredKeyCredential[], now = new Date()): StoredKeyCredential[] {
  return keys.filter((k) => new Date(k.startDateTime) <= now && now < new Date(k.endDateTime));
}

/**
 * addKey's proof of possession (Graph: application-addkey): a JWT signed (RS256) by one of the app's valid
 * certificates, `aud` 00000002-0000-0000-c000-000000000000, `iss` the application's object id, `nbf` and
 * `exp` at most 10 minutes apart. An app without a valid certificate cannot use addKey (Graph: use PATCH).
 */
export async function verifyProof(proof: string, keys: StoredKeyCredential[], applicationId: string): Promise<void> {
  const usable = validKeys(keys);
  if (usable.length === 0) {
    throw GraphErrors.invalidProperty(
      'The application has no valid certificate to prove possession of; add the first key with PATCH /applications/{id} (keyCredentials).',
    );
  }
  for (const key of usable) {
    const pem = `-----BEGIN CERTIFICATE-----\n${key.key.match(/.{1,64}/g)!.join('\n')}\n-----END CERTIFICATE-----`;
    try {
      const { payload } = await jwtVerify(proof, await importX509(pem, 'RS256'), {
        algorithms: ['RS256'],
        audience: PROOF_AUDIENCE,
        issuer: applicationId,
        requiredClaims: ['nbf', 'exp'],
      });
      if ((payload.exp as number) - (payload.nbf as number) > 600) break;
      return;
    } catch {
      // Try the next certificate.
    }
  }
  throw GraphErrors.invalidProperty(
    "Invalid value specified for property 'proof': it must be a JWT signed with one of the application's valid certificates " +
      `(aud '${PROOF_AUDIENCE}', iss the application's id, nbf and exp at most 10 minutes apart).`,
  );
}
