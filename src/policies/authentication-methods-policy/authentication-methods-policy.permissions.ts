import type { DirectoryRole } from '../../auth/directory-roles.js';
import { NOT_SUPPORTED, type PermissionTable } from '../../auth/permissions/permission-table.js';

/*
 * DECISIONS §8 / graph-spec-ca-root §6.5: the same names for delegated and application callers;
 * Global Administrator always passes (the guard adds it).
 */
const READ_PERMISSIONS = ['Policy.Read.AuthenticationMethod', 'Policy.ReadWrite.AuthenticationMethod', 'Policy.Read.All'];
const WRITE_PERMISSIONS = ['Policy.ReadWrite.AuthenticationMethod'];
const READ_ROLES: DirectoryRole[] = ['Global Reader', 'Authentication Policy Administrator'];
const WRITE_ROLES: DirectoryRole[] = ['Authentication Policy Administrator'];

/** Get the policy; list or get configurations. */
export const METHODS_POLICY_READ: PermissionTable = {
  delegated: READ_PERMISSIONS,
  application: READ_PERMISSIONS,
  personal: NOT_SUPPORTED,
  roles: READ_ROLES,
};

/** Update the policy; create, update or delete configurations. */
export const METHODS_POLICY_WRITE: PermissionTable = {
  delegated: WRITE_PERMISSIONS,
  application: WRITE_PERMISSIONS,
  personal: NOT_SUPPORTED,
  roles: WRITE_ROLES,
};
