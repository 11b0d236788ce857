import type { DirectoryRole } from '../../auth/directory-roles.js';
import { NOT_SUPPORTED, type PermissionTable } from '../../auth/permissions/permission-table.js';

/**
 * Graph's tables for a service principal's `appRoleAssignments` and `appRoleAssignedTo`
 * (`serviceprincipal-*-approleassignment*-permissions.md`). Granting needs `AppRoleAssignment.ReadWrite.All`
 * together with a read permission, as Graph prints it. Delegated granters also need an application
 * administration role; Microsoft Graph's own app roles need Privileged Role Administrator (checked by the service).
 */
const GRANT = ['AppRoleAssignment.ReadWrite.All and Application.Read.All', 'AppRoleAssignment.ReadWrite.All and Directory.Read.All'];
const GRANT_ROLES: DirectoryRole[] = ['Privileged Role Administrator', 'Cloud Application Administrator', 'Application Administrator'];

export const APP_ROLE_ASSIGNMENT_READ: PermissionTable = {
  delegated: ['Application.Read.All', 'AppRoleAssignment.ReadWrite.All', 'Application.ReadWrite.All', 'Directory.Read.All', 'Directory.ReadWrite.All'],
  application: [
    'Application.Read.All',
    'Application.ReadWrite.OwnedBy',
    'AppRoleAssignment.ReadWrite.All',
    'Application.ReadWrite.All',
    'Directory.Read.All',
    'Directory.ReadWrite.All',
  ],
  personal: NOT_SUPPORTED,
};

export const APP_ROLE_ASSIGNMENT_WRITE: PermissionTable = {
  delegated: GRANT,
  application: GRANT,
  personal: NOT_SUPPORTED,
  roles: GRANT_ROLES,
};
