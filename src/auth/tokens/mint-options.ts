import { randomUUID } from 'node:crypto';
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
}

const DEV_CLIENT_ID = '7d0b1c4e-2f4a-4a39-9c1e-5b1f0d2a9e11';

/** The token's claims (without iss/iat/exp, which the issuer adds). */
export function claimsFor(o: MintOptions): Record<string, unknown> {
  const wids = (o.directoryRoles ?? []).map((r) => (r in DIRECTORY_ROLES ? DIRECTORY_ROLES[r as DirectoryRole] : r));
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
