import type { DirectoryRole } from '../auth/directory-roles.js';
import { NOT_SUPPORTED, type PermissionTable } from '../auth/permissions/permission-table.js';

/** The `<X>` of the granular `UserAuthMethod-<X>.*` permissions (graph-spec §2.4). */
export type GranularFamily =
  'Email' | 'External' | 'MicrosoftAuthApp' | 'Passkey' | 'Password' | 'Phone' | 'PlatformCred' | 'SoftwareOATH' | 'TAP' | 'WindowsHello';

export type MethodOperation = 'read' | 'write' | 'delete';

/** Global Administrator is not listed: the guard always accepts it. */
export const READ_ROLES: DirectoryRole[] = ['Global Reader', 'Authentication Administrator', 'Privileged Authentication Administrator'];
export const WRITE_ROLES: DirectoryRole[] = ['Authentication Administrator', 'Privileged Authentication Administrator'];

const UAM = 'UserAuthenticationMethod';

/**
 * The permission table of one operation on user authentication data (graph-spec §2.4's evaluator):
 * `family` adds its granular `UserAuthMethod-<X>.*` names (null for the polymorphic `methods` list and
 * the `authentication` object, which only the broad names cover). `selfWrite: false` is a self-service
 * limit of today's Graph (no self create/update of phone or email, no self TAP create): 403 accessDenied.
 */
export function methodPermissions(
  family: GranularFamily | null,
  op: MethodOperation,
  options: { selfWrite?: boolean; selfNotSupportedReason?: string } = {},
): PermissionTable {
  const X = family ? `UserAuthMethod-${family}` : undefined;
  const withX = (broad: string[], granular: string[]) => [...(X ? granular.map((s) => `${X}${s}`) : []), ...broad.map((s) => `${UAM}${s}`)];

  if (op === 'read') {
    const other = withX(['.Read.All', '.ReadWrite.All'], ['.Read.All', '.ReadWrite.All']);
    return {
      delegatedSelf: withX(['.Read', '.ReadWrite', '.Read.All', '.ReadWrite.All'], ['.Read', '.ReadWrite', '.Read.All', '.ReadWrite.All']),
      delegated: other,
      application: other,
      personal: NOT_SUPPORTED,
      roles: READ_ROLES,
    };
  }
  const other = withX(['.ReadWrite.All'], ['.ReadWrite.All']);
  // Delete-only app roles exist on Graph's service principal (graph-spec §2.4); harmless to accept.
  const application = op === 'delete' ? [...other, ...withX(['.Delete.All'], ['.Delete.All'])] : other;
  const selfAllowed = options.selfWrite ?? true;
  return {
    delegatedSelf: selfAllowed ? withX(['.ReadWrite', '.ReadWrite.All'], ['.ReadWrite', '.ReadWrite.All']) : NOT_SUPPORTED,
    delegated: other,
    application,
    personal: NOT_SUPPORTED,
    roles: WRITE_ROLES,
    ...(selfAllowed
      ? {}
      : { selfNotSupportedReason: options.selfNotSupportedReason ?? 'Users cannot perform this operation on their own account; an administrator must do it.' }),
  };
}

/** resetPassword (graph-spec §2.6.5): delegated only, never on oneself, helpdesk roles too. */
export const RESET_PASSWORD: PermissionTable = {
  delegatedSelf: NOT_SUPPORTED,
  delegated: ['UserAuthMethod-Password.ReadWrite.All', `${UAM}.ReadWrite.All`],
  application: NOT_SUPPORTED,
  personal: NOT_SUPPORTED,
  roles: [...WRITE_ROLES, 'User Administrator', 'Helpdesk Administrator', 'Password Administrator'],
  selfNotSupportedReason: 'Users cannot reset their own password through this API; use self-service password reset or change password.',
};

/** longRunningOperation (older Graph page): application tokens are not supported. */
export const READ_OPERATIONS: PermissionTable = { ...methodPermissions(null, 'read'), application: NOT_SUPPORTED };

/**
 * Beta per-user MFA state (graph-spec §2.3): Policy.* permissions. Others need the authentication
 * methods policy roles (Authentication Policy Administrator; Global Reader reads).
 */
export const READ_REQUIREMENTS: PermissionTable = {
  delegatedSelf: ['Policy.Read.All', 'Policy.ReadWrite.AuthenticationMethod'],
  delegated: ['Policy.Read.All', 'Policy.ReadWrite.AuthenticationMethod'],
  application: ['Policy.Read.All', 'Policy.ReadWrite.AuthenticationMethod'],
  personal: NOT_SUPPORTED,
  roles: ['Global Reader', 'Authentication Policy Administrator'],
};

export const WRITE_REQUIREMENTS: PermissionTable = {
  delegatedSelf: ['Policy.ReadWrite.AuthenticationMethod'],
  delegated: ['Policy.ReadWrite.AuthenticationMethod'],
  application: ['Policy.ReadWrite.AuthenticationMethod'],
  personal: NOT_SUPPORTED,
  roles: ['Authentication Policy Administrator'],
};
