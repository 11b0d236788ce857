import { GraphErrors, type GraphException } from '../../graph/errors/graph.exception.js';

/** Graph's challenge on every 401 (graph-spec §4.2). */
export const WWW_AUTHENTICATE =
  'Bearer realm="", authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize", client_id="00000003-0000-0000-c000-000000000000"';

/** Failures that may pass later (not yet valid; a key not published yet): never remembered. */
const TRANSIENT = new WeakSet<GraphException>();
const transient = (e: GraphException) => (TRANSIENT.add(e), e);

/** Whether a token rejected with this error will be rejected the same way every time. */
export function isPermanentTokenError(e: GraphException): boolean {
  return !TRANSIENT.has(e);
}

/** Graph's 401 messages, by what failed. */
export const TokenErrors = {
  empty: () => unauthorized('Access token is empty.'),
  malformed: () => unauthorized('CompactToken parsing failed with error code: 80049217'),
  expired: () => unauthorized('Lifetime validation failed, the token is expired.'),
  notYetValid: () => transient(unauthorized('Lifetime validation failed, the token is not yet valid.')),
  audience: () => unauthorized('Access token validation failure. Invalid audience.'),
  issuer: () => unauthorized('Access token validation failure. Invalid issuer.'),
  signature: () => unauthorized('Access token validation failure.'),
  /** The kid is not (yet) among the published keys: after a rotation elsewhere it may be. */
  unknownKey: () => transient(unauthorized('Access token validation failure.')),
  claims: () => unauthorized('Access token validation failure. Required claims are missing or invalid.'),
  /** No `exp`: a token that never expires is not one Entra issues (RFC 8725 §3.10: validate lifetime). */
  noExpiry: () => unauthorized('Lifetime validation failed, the token has no expiration time.'),
  /** A `crit` header or `b64: false` (RFC 7515 §4.1.11, RFC 7797 §7): extensions we do not implement. */
  header: () => unauthorized('Access token validation failure. Unsupported header parameter.'),
  /**
   * Issued before the user's sessions were revoked (or the user is disabled or deleted), to a client without
   * `cp1` (graph-spec-ca-root §7.5). Never remembered by the token cache: it depends on the user, not the token.
   */
  revoked: () => transient(unauthorized('Access token has expired or is not yet valid.')),
};

function unauthorized(message: string): GraphException {
  return GraphErrors.unauthorized(message, WWW_AUTHENTICATE);
}

/** Maps what passport-jwt / jsonwebtoken reported (the `info` of a failed authentication). */
export function tokenErrorFrom(info: unknown): GraphException {
  const e = info as { name?: string; message?: string } | undefined;
  const message = e?.message ?? '';
  if (e?.name === 'TokenExpiredError') return TokenErrors.expired();
  if (e?.name === 'NotBeforeError') return TokenErrors.notYetValid();
  if (message === 'No auth token') return TokenErrors.empty();
  if (message.startsWith('jwt audience invalid')) return TokenErrors.audience();
  if (message.startsWith('jwt issuer invalid')) return TokenErrors.issuer();
  if (message === 'jwt malformed' || message.startsWith('invalid token') || message === 'jwt must be provided') {
    return TokenErrors.malformed();
  }
  return TokenErrors.signature();
}
