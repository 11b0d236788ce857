import type { DirectoryRole } from '../../auth/directory-roles.js';
import { NOT_SUPPORTED, type PermissionTable } from '../../auth/permissions/permission-table.js';

/**
 * Graph's tables for servicePrincipals (`serviceprincipal-*-permissions.md`, v1.0 and beta alike), least to most
 * privileged. `Application.ReadWrite.OwnedBy` manages the principals its app created (docs/choices.md, issue #14).
 */
const WRITE_ROLES: DirectoryRole[] = ['Application Administrator', 'Cloud Application Administrator'];

export const SERVICE_PRINCIPAL_READ: PermissionTable = {
  delegated: ['Application.Read.All', 'Application.ReadWrite.All', 'Directory.Read.All', 'Directory.ReadWrite.All'],
  application: ['Application.Read.All', 'Application.ReadWrite.OwnedBy', 'Application.ReadWrite.All', 'Directory.Read.All'],
  personal: NOT_SUPPORTED,
};

export const SERVICE_PRINCIPAL_CREATE: PermissionTable = {
  delegated: ['Application.ReadWrite.All', 'Directory.ReadWrite.All'],
  application: ['Application.ReadWrite.OwnedBy', 'Application.ReadWrite.All', 'Directory.ReadWrite.All'],
  personal: NOT_SUPPORTED,
  roles: [...WRITE_ROLES, 'Application Developer'],
};

export const SERVICE_PRINCIPAL_WRITE: PermissionTable = {
  delegated: ['Application.ReadWrite.All', 'Directory.ReadWrite.All'],
  application: ['Application.ReadWrite.OwnedBy', 'Application.ReadWrite.All', 'Directory.ReadWrite.All'],
  personal: NOT_SUPPORTED,
  roles: WRITE_ROLES,
};
