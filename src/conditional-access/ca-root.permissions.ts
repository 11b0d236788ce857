import type { DirectoryRole } from '../auth/directory-roles.js';
import { NOT_SUPPORTED, type PermissionTable } from '../auth/permissions/permission-table.js';

/*
 * The Conditional Access root's permission tables (DECISIONS §7, graph-spec-ca-root §A.5): one sufficient
 * permission, never a combination; Global Administrator always passes (the guard adds it).
 */

/** The CA read set (graph-spec-ca-root §A.5). */
const CA_READ_ROLES: DirectoryRole[] = [
  'Global Reader',
  'Security Reader',
  'Security Administrator',
  'Conditional Access Administrator',
  'Global Secure Access Administrator',
];
/** The CA write set. */
const CA_WRITE_ROLES: DirectoryRole[] = ['Security Administrator', 'Conditional Access Administrator'];

const CA_READ_PERMISSIONS = ['Policy.Read.All', 'Policy.Read.ConditionalAccess', 'Policy.ReadWrite.ConditionalAccess'];
const CA_WRITE_PERMISSIONS = ['Policy.ReadWrite.ConditionalAccess'];

/** Policies, named locations, templates, deleted items: read. 403 is `AccessDenied` (observed from Graph). */
export const CA_READ: PermissionTable = {
  delegated: CA_READ_PERMISSIONS,
  application: CA_READ_PERMISSIONS,
  personal: NOT_SUPPORTED,
  roles: CA_READ_ROLES,
  deniedCode: 'AccessDenied',
};

/** Policies, named locations, deleted items: create, update, delete, restore, purge. */
export const CA_WRITE: PermissionTable = {
  delegated: CA_WRITE_PERMISSIONS,
  application: CA_WRITE_PERMISSIONS,
  personal: NOT_SUPPORTED,
  roles: CA_WRITE_ROLES,
  deniedCode: 'AccessDenied',
};

const STRENGTH_READ_PERMISSIONS = [...CA_READ_PERMISSIONS, 'Policy.Read.AuthenticationMethod', 'Policy.ReadWrite.AuthenticationMethod'];
const STRENGTH_WRITE_PERMISSIONS = ['Policy.ReadWrite.ConditionalAccess', 'Policy.ReadWrite.AuthenticationMethod'];

/** Authentication strengths: read. 403 stays `Authorization_RequestDenied` (DECISIONS §7). */
export const STRENGTH_READ: PermissionTable = {
  delegated: STRENGTH_READ_PERMISSIONS,
  application: STRENGTH_READ_PERMISSIONS,
  personal: NOT_SUPPORTED,
  roles: [...CA_READ_ROLES, 'Authentication Policy Administrator'],
};

/** Authentication strengths: write. */
export const STRENGTH_WRITE: PermissionTable = {
  delegated: STRENGTH_WRITE_PERMISSIONS,
  application: STRENGTH_WRITE_PERMISSIONS,
  personal: NOT_SUPPORTED,
  roles: [...CA_WRITE_ROLES, 'Authentication Policy Administrator'],
};
