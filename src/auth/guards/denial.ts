import { roleNameOf } from '../directory-roles.js';
import type { Principal } from '../principal.js';
import { NOT_SUPPORTED, type PermissionTable } from '../permissions/permission-table.js';
import type { UserRef } from '../../users/user-ref.js';

const list = (items: Iterable<string>) => {
  const all = [...items];
  return all.length ? all.join(', ') : 'none';
};

/** What the operation's table accepts from a caller of this kind (and for this target): Graph's table row. */
export function acceptedFor(table: PermissionTable, principal: Principal, target: UserRef | undefined): string {
  if (principal.isPersonalAccount) return 'personal Microsoft accounts: not supported';
  if (principal.kind === 'application') {
    return `application: ${table.application === NOT_SUPPORTED ? 'not supported' : list(table.application)}`;
  }
  const self = target?.isSelf === true && table.delegatedSelf !== undefined;
  const scopes = self ? table.delegatedSelf! : table.delegated;
  const row = `delegated${self ? ' (acting on oneself)' : ''}: ${scopes === NOT_SUPPORTED ? 'not supported' : list(scopes)}`;
  return !self && table.roles?.length ? `${row}; plus one directory role of: Global Administrator, ${list(table.roles)}` : row;
}

/** The claims the guard looked at, as names (role template ids translated), for the operator's log. */
export function heldBy(principal: Principal): string {
  if (principal.kind === 'application') return `application token, roles: ${list(principal.appRoles)}`;
  const roles = [...principal.directoryRoles].map((id) => roleNameOf(id) ?? id);
  return `delegated token${principal.isPersonalAccount ? ' (personal account)' : ''}, scp: ${list(principal.scopes)}; wids: ${list(roles)}`;
}
