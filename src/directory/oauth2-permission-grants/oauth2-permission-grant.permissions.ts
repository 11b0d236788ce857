import type { DirectoryRole } from '../../auth/directory-roles.js';
import { NOT_SUPPORTED, type PermissionTable } from '../../auth/permissions/permission-table.js';

/**
 * Graph's tables for `oauth2PermissionGrants` (`oauth2permissiongrant-*-permissions.md`), least to most privileged;
 * `DelegatedPermissionGrant.Read.All` is Graph's newer least-privileged read. Writing consent is
 * `DelegatedPermissionGrant.ReadWrite.All` only (Directory.ReadWrite.All explicitly excludes grants); delegated
 * callers also need a role that may grant consent.
 */
const GRANT_ROLES: DirectoryRole[] = ['Privileged Role Administrator', 'Cloud Application Administrator', 'Application Administrator'];
const READ = ['DelegatedPermissionGrant.Read.All', 'Directory.Read.All', 'DelegatedPermissionGrant.ReadWrite.All', 'Directory.ReadWrite.All'];

export const OAUTH2_GRANT_READ: PermissionTable = { delegated: READ, application: READ, personal: NOT_SUPPORTED };

export const OAUTH2_GRANT_WRITE: PermissionTable = {
  delegated: ['DelegatedPermissionGrant.ReadWrite.All'],
  application: ['DelegatedPermissionGrant.ReadWrite.All'],
  personal: NOT_SUPPORTED,
  roles: GRANT_ROLES,
};
