import { NOT_SUPPORTED, type PermissionTable } from '../auth/permissions/permission-table.js';

const READ = ['User.Read.All', 'User.ReadWrite.All', 'Directory.Read.All', 'Directory.ReadWrite.All'];
const WRITE = ['User.ReadWrite.All', 'Directory.ReadWrite.All'];
const REVOKE = ['User.RevokeSessions.All', 'User.ReadWrite.All', 'Directory.ReadWrite.All'];

/** Graph's user tables (DECISIONS §5). Reading yourself also works with User.Read / User.ReadWrite. */
export const USER_PERMISSIONS = {
  list: { delegated: READ, application: READ, personal: NOT_SUPPORTED },
  get: {
    delegated: READ,
    delegatedSelf: ['User.Read', 'User.ReadWrite', ...READ],
    application: READ,
    personal: NOT_SUPPORTED,
  },
  me: {
    delegated: ['User.Read', 'User.ReadWrite', ...READ],
    delegatedSelf: ['User.Read', 'User.ReadWrite', ...READ],
    application: READ,
    personal: NOT_SUPPORTED,
  },
  write: {
    delegated: WRITE,
    application: WRITE,
    personal: NOT_SUPPORTED,
    roles: ['User Administrator'],
  },
  /**
   * Update user (also `PATCH /me`): Graph's least privileged delegated permission is User.ReadWrite,
   * which reaches the caller's own profile only; what a non-administrator may change there is the
   * service's rule (UsersService.update).
   */
  update: {
    delegated: WRITE,
    delegatedSelf: ['User.ReadWrite', ...WRITE],
    application: WRITE,
    personal: NOT_SUPPORTED,
    roles: ['User Administrator'],
  },
  /**
   * user: revokeSignInSessions. Least privileged User.RevokeSessions.All; acting on another user also needs a role
   * (a user may revoke their own sessions).
   */
  revokeSignInSessions: {
    delegated: REVOKE,
    delegatedSelf: REVOKE,
    application: REVOKE,
    personal: NOT_SUPPORTED,
    roles: ['User Administrator', 'Helpdesk Administrator', 'Privileged Authentication Administrator'],
  },
  /** directoryObject: validateProperties (Graph's v1.0 table). */
  validateProperties: {
    delegated: ['Group.Read.All', 'Directory.Read.All', 'Directory.ReadWrite.All', 'Group.ReadWrite.All'],
    application: ['Group.Read.All', 'Group.ReadWrite.All', 'Directory.Read.All', 'Directory.ReadWrite.All'],
    personal: NOT_SUPPORTED,
  },
  /** directoryObject: getByIds (Directory.Read.All; the ReadWrite scope includes it). */
  getByIds: {
    delegated: ['Directory.Read.All', 'Directory.ReadWrite.All'],
    application: ['Directory.Read.All', 'Directory.ReadWrite.All'],
    personal: NOT_SUPPORTED,
  },
} satisfies Record<string, PermissionTable>;
