import type { DirectoryRole } from '../../auth/directory-roles.js';
import { NOT_SUPPORTED, type PermissionTable } from '../../auth/permissions/permission-table.js';

/**
 * Graph's tables for applications (microsoft-graph-docs-contrib, `application-*-permissions.md`, v1.0 and
 * beta alike), least to most privileged. `Application.ReadWrite.OwnedBy` is honoured as "apps this client
 * created" (docs/choices.md, issue #14). `AppRegistration.Create` is the newest least-privileged create scope.
 */
const READ_DELEGATED = ['Application.Read.All', 'Application.ReadWrite.All', 'Directory.Read.All', 'Directory.ReadWrite.All'];
const READ_APPLICATION = ['Application.Read.All', 'Application.ReadWrite.OwnedBy', 'Application.ReadWrite.All', 'Directory.Read.All'];

/** Directory roles a delegated writer needs (Entra: app registration management). Global Administrator always passes. */
const WRITE_ROLES: DirectoryRole[] = ['Application Administrator', 'Cloud Application Administrator'];
const CREATE_ROLES: DirectoryRole[] = [...WRITE_ROLES, 'Application Developer'];

export const APPLICATION_READ: PermissionTable = {
  delegated: READ_DELEGATED,
  application: READ_APPLICATION,
  personal: NOT_SUPPORTED,
};

export const APPLICATION_CREATE: PermissionTable = {
  delegated: ['AppRegistration.Create', 'Application.ReadWrite.All'],
  application: ['AppRegistration.Create', 'Application.ReadWrite.OwnedBy', 'Application.ReadWrite.All'],
  personal: NOT_SUPPORTED,
  roles: CREATE_ROLES,
};

/** Update, delete, addPassword, removePassword, addKey (Graph: Directory.ReadWrite.All does not write applications). */
export const APPLICATION_WRITE: PermissionTable = {
  delegated: ['Application.ReadWrite.All'],
  application: ['Application.ReadWrite.OwnedBy', 'Application.ReadWrite.All'],
  personal: NOT_SUPPORTED,
  roles: WRITE_ROLES,
};
