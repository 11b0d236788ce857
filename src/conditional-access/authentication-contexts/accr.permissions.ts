import type { DirectoryRole } from '../../auth/directory-roles.js';
import { NOT_SUPPORTED, type PermissionTable } from '../../auth/permissions/permission-table.js';

/** Least to most privileged (DECISIONS §2). Same names for delegated `scp` and application `roles`. */
const READ_PERMISSIONS = [
  'AuthenticationContext.Read.All',
  'AuthenticationContext.ReadWrite.All',
  'Policy.Read.ConditionalAccess',
  'Policy.ReadWrite.ConditionalAccess',
];

/** A read permission never allows a delete (graph-spec §1.5 prints one for delete; we do not copy it). */
const WRITE_PERMISSIONS = ['AuthenticationContext.ReadWrite.All', 'Policy.ReadWrite.ConditionalAccess'];

/** Global Administrator is not listed: the guard always accepts it. */
const READ_ROLES: DirectoryRole[] = [
  'Global Reader',
  'Security Reader',
  'Security Administrator',
  'Conditional Access Administrator',
  'Global Secure Access Administrator',
];
const WRITE_ROLES: DirectoryRole[] = ['Security Administrator', 'Conditional Access Administrator'];

/** List and get. */
export const ACCR_READ: PermissionTable = {
  delegated: READ_PERMISSIONS,
  application: READ_PERMISSIONS,
  personal: NOT_SUPPORTED,
  roles: READ_ROLES,
};

/** Create, update and delete. */
export const ACCR_WRITE: PermissionTable = {
  delegated: WRITE_PERMISSIONS,
  application: WRITE_PERMISSIONS,
  personal: NOT_SUPPORTED,
  roles: WRITE_ROLES,
};
