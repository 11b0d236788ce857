import type { DirectoryRole } from '../auth/directory-roles.js';
import { NOT_SUPPORTED, type PermissionTable } from '../auth/permissions/permission-table.js';

/**
 * Graph's tables for the directory provider of `roleManagement` (`rbacapplication-list-roledefinitions`,
 * `rbacapplication-list-roleassignments`, `rbacapplication-post-roleassignments`, `unifiedroleassignment-delete`),
 * least to most privileged. Writing role assignments is `RoleManagement.ReadWrite.Directory` and, delegated,
 * Privileged Role Administrator (Global Administrator always passes).
 */
const READ = [
  'RoleManagement.Read.Directory',
  'Directory.Read.All',
  'RoleManagement.ReadWrite.Directory',
  'Directory.ReadWrite.All',
  'RoleManagement.Read.All',
];
const WRITE_ROLES: DirectoryRole[] = ['Privileged Role Administrator'];

export const ROLE_MANAGEMENT_READ: PermissionTable = { delegated: READ, application: READ, personal: NOT_SUPPORTED };

export const ROLE_ASSIGNMENT_WRITE: PermissionTable = {
  delegated: ['RoleManagement.ReadWrite.Directory'],
  application: ['RoleManagement.ReadWrite.Directory'],
  personal: NOT_SUPPORTED,
  roles: WRITE_ROLES,
};
