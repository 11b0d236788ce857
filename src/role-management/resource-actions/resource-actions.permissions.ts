import type { DirectoryRole } from '../../auth/directory-roles.js';
import { NOT_SUPPORTED, type PermissionTable } from '../../auth/permissions/permission-table.js';

/** unifiedrbacresourceaction-get / -list (beta): least to most privileged, delegated and application alike. */
const READ = ['RoleManagement.Read.Directory', 'RoleManagement.Read.All', 'RoleManagement.ReadWrite.Directory'];
/** Graph documents no update page; setting a binding is a directory role write (docs/choices.md, issue #15). */
const WRITE = ['RoleManagement.ReadWrite.Directory'];

/** Global Administrator is not listed: the permission stage always accepts it. */
const READ_ROLES: DirectoryRole[] = [
  'Global Reader',
  'Privileged Role Administrator',
  'Conditional Access Administrator',
  'Security Administrator',
  'Security Reader',
];
/** protected-actions-add.md: adding protected actions needs Privileged Role Administrator (and Conditional Access Administrator for the policies). */
const WRITE_ROLES: DirectoryRole[] = ['Privileged Role Administrator'];

export const RESOURCE_ACTIONS_READ: PermissionTable = { delegated: READ, application: READ, personal: NOT_SUPPORTED, roles: READ_ROLES };
export const RESOURCE_ACTIONS_WRITE: PermissionTable = { delegated: WRITE, application: WRITE, personal: NOT_SUPPORTED, roles: WRITE_ROLES };
