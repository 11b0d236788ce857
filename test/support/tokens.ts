import { randomUUID } from 'node:crypto';
import { DevTokenIssuer } from '../../src/auth/tokens/dev-token-issuer.service.js';
import type { MintOptions } from '../../src/auth/tokens/mint-options.js';
import type { TestApp } from './app.js';

export const TENANT_A = '11111111-1111-4111-8111-111111111111';
export const TENANT_B = '22222222-2222-4222-8222-222222222222';
export const PERSONAL_TENANT = '9188040d-6c67-4c5b-b112-36a304b66dad';

/** A token from the app's own development issuer (same code path as `npm run token`). */
export function mint(t: TestApp, options: Partial<MintOptions> & Pick<MintOptions, 'kind'>): string {
  return t.app.get(DevTokenIssuer).mint({ tenantId: TENANT_A, ...options });
}

/** A delegated token for a (new, unless given) user with these scopes and directory roles. */
export function delegated(t: TestApp, scopes: readonly string[], roles: readonly string[] = [], extra: Partial<MintOptions> = {}): string {
  const objectId = extra.objectId ?? randomUUID();
  return mint(t, {
    kind: 'delegated',
    objectId,
    userPrincipalName: `user-${objectId.slice(0, 8)}@contoso.test`,
    scopes: [...scopes],
    directoryRoles: [...roles],
    ...extra,
  });
}

/** An application (client credentials) token with these app roles. */
export function application(t: TestApp, appRoles: readonly string[], extra: Partial<MintOptions> = {}): string {
  return mint(t, { kind: 'application', appRoles: [...appRoles], ...extra });
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
