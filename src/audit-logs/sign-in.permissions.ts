import type { DirectoryRole } from '../auth/directory-roles.js';
import { NOT_SUPPORTED, type PermissionTable } from '../auth/permissions/permission-table.js';

/**
 * `signin-list.md` / `signin-get.md`: both AuditLog.Read.All and Directory.Read.All (Graph's known issue makes the pair
 * required), and for delegated callers one of the roles that may read sign-in reports.
 */
const SIGN_IN_READERS: DirectoryRole[] = [
  'Global Administrator',
  'Global Reader',
  'Reports Reader',
  'Security Administrator',
  'Security Operator',
  'Security Reader',
];
const READ = ['AuditLog.Read.All and Directory.Read.All'];

export const SIGN_IN_READ: PermissionTable = { delegated: READ, application: READ, personal: NOT_SUPPORTED, roles: SIGN_IN_READERS };
