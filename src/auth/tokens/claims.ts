import { PERSONAL_ACCOUNT_TENANT } from '../directory-roles.js';
import type { Principal } from '../principal.js';
import { GUID_PATTERN as GUID } from '../../graph/odata/literals.js';

/** The access-token claims Graph authorizes with (graph-spec §4.10). */
export interface GraphClaims {
  tid?: unknown;
  oid?: unknown;
  idtyp?: unknown;
  scp?: unknown;
  roles?: unknown;
  wids?: unknown;
  upn?: unknown;
  preferred_username?: unknown;
  unique_name?: unknown;
  name?: unknown;
  appid?: unknown;
  azp?: unknown;
  acrs?: unknown;
  xms_cc?: unknown;
  exp?: unknown;
  iat?: unknown;
}

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
const lowerSet = (v: string[]) => new Set(v.map((x) => x.toLowerCase()));
/** C0/C1 controls (NUL included) and lone surrogates: no Entra token carries them, and Postgres refuses NUL. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNSAFE_TEXT = /[\u0000-\u001f\u007f-\u009f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
/** The claims a principal keeps as text (stored by `/me` provisioning, logged, compared). */
const TEXT_CLAIMS = [
  'tid',
  'oid',
  'idtyp',
  'scp',
  'roles',
  'wids',
  'upn',
  'preferred_username',
  'unique_name',
  'name',
  'appid',
  'azp',
  'acrs',
  'xms_cc',
] as const;

/** True when a text claim (or an element of a list claim) contains a control character or a lone surrogate. */
export function hasUnsafeText(c: GraphClaims): boolean {
  return TEXT_CLAIMS.some((k) => {
    const v = c[k];
    const values = Array.isArray(v) ? v : [v];
    return values.some((x) => typeof x === 'string' && UNSAFE_TEXT.test(x));
  });
}

const str = (v: unknown) => (typeof v === 'string' && v.length > 0 && v.length <= 256 ? v : undefined);

/**
 * The caller as Graph sees it, or undefined when a required claim is missing or malformed
 * (`tid` and `oid` must be GUIDs; no text claim may carry control characters). Kind: `idtyp` first, else `scp` means delegated, else `roles`
 * means application (DECISIONS §4).
 */
export function principalFromClaims(c: GraphClaims): Principal | undefined {
  const tid = str(c.tid);
  const oid = str(c.oid);
  if (!tid || !oid || !GUID.test(tid) || !GUID.test(oid) || hasUnsafeText(c)) return undefined;
  const scp = typeof c.scp === 'string' ? c.scp.split(' ').filter(Boolean) : [];
  const roles = strings(c.roles);
  const kind =
    c.idtyp === 'app' ? 'application' : c.idtyp === 'user' ? 'delegated' : c.scp !== undefined ? 'delegated' : roles.length ? 'application' : 'delegated';
  return {
    kind,
    tenantId: tid.toLowerCase(),
    objectId: oid.toLowerCase(),
    userPrincipalName: kind === 'delegated' ? (str(c.upn) ?? str(c.preferred_username) ?? str(c.unique_name)) : undefined,
    displayName: str(c.name),
    appId: str(c.appid) ?? str(c.azp),
    scopes: kind === 'delegated' ? lowerSet(scp) : new Set(),
    appRoles: kind === 'application' ? lowerSet(roles) : new Set(),
    directoryRoles: kind === 'delegated' ? lowerSet(strings(c.wids)) : new Set(),
    acrs: strings(c.acrs),
    clientCapabilities: lowerSet(strings(c.xms_cc)),
    isPersonalAccount: tid.toLowerCase() === PERSONAL_ACCOUNT_TENANT,
    expiresAt: typeof c.exp === 'number' ? c.exp : 0,
    issuedAt: typeof c.iat === 'number' ? c.iat : 0,
  };
}
