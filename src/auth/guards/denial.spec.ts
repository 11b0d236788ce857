import { DIRECTORY_ROLES } from '../directory-roles.js';
import type { Principal } from '../principal.js';
import { NOT_SUPPORTED, type PermissionTable } from '../permissions/permission-table.js';
import type { UserRef } from '../../users/user-ref.js';
import { acceptedFor, heldBy } from './denial.js';

const principal = (p: Partial<Principal> & { scopes?: ReadonlySet<string> }): Principal => ({
  kind: 'delegated',
  tenantId: 't',
  objectId: 'o',
  acrs: [],
  clientCapabilities: new Set(),
  isPersonalAccount: false,
  expiresAt: 0,
  scopes: new Set(),
  appRoles: new Set(),
  directoryRoles: new Set(),
  ...p,
});

const TABLE: PermissionTable = {
  delegated: ['UserAuthenticationMethod.ReadWrite.All'],
  delegatedSelf: ['UserAuthenticationMethod.ReadWrite'],
  application: NOT_SUPPORTED,
  personal: NOT_SUPPORTED,
  roles: ['Authentication Administrator'],
};
const me: UserRef = { isMe: true, key: 'x', isSelf: true };
const other: UserRef = { isMe: false, key: 'someone', isSelf: false };

describe('403 diagnostics', () => {
  it('names the row of the table that applied: on another user with its roles, on oneself without', () => {
    expect(acceptedFor(TABLE, principal({}), other)).toBe(
      'delegated: UserAuthenticationMethod.ReadWrite.All; plus one directory role of: Global Administrator, Authentication Administrator',
    );
    expect(acceptedFor(TABLE, principal({}), me)).toBe('delegated (acting on oneself): UserAuthenticationMethod.ReadWrite');
    expect(acceptedFor(TABLE, principal({ kind: 'application' }), other)).toBe('application: not supported');
    expect(acceptedFor(TABLE, principal({ isPersonalAccount: true }), me)).toBe('personal Microsoft accounts: not supported');
  });

  it('names the claims the token brought, directory roles by name', () => {
    const user = principal({
      scopes: new Set(['user.read']),
      directoryRoles: new Set([DIRECTORY_ROLES['Global Reader'], '00000000-0000-0000-0000-000000000000']),
    });
    expect(heldBy(user)).toBe('delegated token, scp: user.read; wids: Global Reader, 00000000-0000-0000-0000-000000000000');
    expect(heldBy(principal({ kind: 'application' }))).toBe('application token, roles: none');
  });
});
