import { createHash, randomUUID } from 'node:crypto';
import { BUILTIN_ROLES } from '../catalogue/builtin-roles.js';
import { DIRECTORY_ROLES, type DirectoryRole } from '../directory-roles.js';

/** What a development token says about its bearer (the `npm run token` flags map onto this). */
export interface MintOptions {
  tenantId: string;
  kind: 'delegated' | 'application';
  /** `oid`; a fresh GUID when omitted. */
  objectId?: string;
  userPrincipalName?: string;
  name?: string;
  /** Delegated permissions (`scp`). */
  scopes?: string[];
  /** Application permissions (`roles`). */
  appRoles?: string[];
  /** Directory roles (`wids`): role names or template ids. */
  directoryRoles?: (DirectoryRole | string)[];
  acrs?: string[];
  clientCapabilities?: string[];
  appId?: string;
  audience?: string;
  lifetimeSeconds?: number;
  /** Seconds from now before the token becomes valid (testing `nbf`). */
  notBeforeSeconds?: number;
  /** Seconds before now that the token says it was issued (`iat`; testing revoked sessions). Default 0. */
  issuedSecondsAgo?: number;
}

const DEV_CLIENT_ID = '7d0b1c4e-2f4a-4a39-9c1e-5b1f0d2a9e11';

/** Namespace of the name-based (v5) object ids below; any constant GUID. */
const USER_OID_NAMESPACE = 'a8f9c2d4-51b7-4e0c-9d3a-6f2e1b7c8d90';

/**
 * The object id of a development user: a UUID v5 (RFC 9562, SHA-1, name-based) of tenant and
 * userPrincipalName, case-insensitive. Every token minted for one UPN in one tenant names the same
 * user, as Entra's would; `/me` then finds the user the first token provisioned.
 */
export function userObjectId(tenantId: string, userPrincipalName: string): string {
  const ns = Buffer.from(USER_OID_NAMESPACE.replaceAll('-', ''), 'hex');
  const name = Buffer.from(`${tenantId.toLowerCase()}/${userPrincipalName.toLowerCase()}`, 'utf8');
  const b = createHash('sha1').update(ns).update(name).digest().subarray(0, 16);
  b[6] = (b[6] & 0x0f) | 0x50;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** The token's claims (without iss/iat/exp, which the issuer adds). */
export function claimsFor(o: MintOptions): Record<string, unknown> {
  // Role names become template ids (what `wids` carries); anything else is passed as given (tests).
  const wids = (o.directoryRoles ?? []).map((r) => (Object.hasOwn(BUILTIN_ROLES, r) ? BUILTIN_ROLES[r] : r));
  const common = {
    aud: o.audience ?? 'https://graph.microsoft.com',
    tid: o.tenantId,
    oid: o.objectId ?? randomUUID(),
    appid: o.appId ?? DEV_CLIENT_ID,
    ver: '1.0',
  };
  if (o.kind === 'application') {
    return { ...common, idtyp: 'app', roles: o.appRoles ?? [] };
  }
  return {
    ...common,
    idtyp: 'user',
    scp: (o.scopes ?? []).join(' '),
    ...(o.userPrincipalName ? { upn: o.userPrincipalName } : {}),
    ...(o.name ? { name: o.name } : {}),
    wids: wids.length ? wids : [DIRECTORY_ROLES.User],
    ...(o.acrs ? { acrs: o.acrs } : {}),
    ...(o.clientCapabilities ? { xms_cc: o.clientCapabilities } : {}),
  };
}
