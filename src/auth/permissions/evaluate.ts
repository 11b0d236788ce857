import { GraphErrors, type GraphException } from '../../graph/errors/graph.exception.js';
import type { UserRef } from '../../users/user-ref.js';
import { DIRECTORY_ROLES } from '../directory-roles.js';
import type { Principal } from '../principal.js';
import { NOT_SUPPORTED, type PermissionTable } from './permission-table.js';

const GLOBAL_ADMIN = DIRECTORY_ROLES['Global Administrator'];

/** Any one entry suffices; an entry `A and B` (as Graph's tables print a pair) needs both. */
const anyOf = (granted: ReadonlySet<string>, accepted: readonly string[]) =>
  accepted.some((p) => p.split(' and ').every((name) => granted.has(name.toLowerCase())));

/**
 * Decides whether `principal` may call an operation with this table (DECISIONS §4): 403 for the
 * account kind, a missing scope/app role or directory role; then 400 for `/me` with an app token.
 * Returns undefined when allowed. A 404 for a missing target comes later, from the service.
 */
export function evaluatePermissions(table: PermissionTable, principal: Principal, target: UserRef | undefined): GraphException | undefined {
  if (principal.isPersonalAccount) {
    return GraphErrors.forbidden('Personal Microsoft accounts are not supported for this operation.');
  }
  const denied = () => (table.deniedCode === 'AccessDenied' ? GraphErrors.scopesMissing() : GraphErrors.forbidden());
  if (principal.kind === 'application') {
    if (table.application === NOT_SUPPORTED || !anyOf(principal.appRoles, table.application)) {
      return denied();
    }
    if (target?.isMe) return GraphErrors.badRequest('/me request is only valid with delegated authentication flow.');
    return undefined;
  }

  const self = target?.isSelf === true && table.delegatedSelf !== undefined;
  const accepted = self ? table.delegatedSelf! : table.delegated;
  if (accepted === NOT_SUPPORTED) {
    return self && table.selfNotSupportedReason ? GraphErrors.accessDenied(table.selfNotSupportedReason) : denied();
  }
  if (!anyOf(principal.scopes, accepted)) return denied();
  if (!self && table.roles?.length) {
    // Global Administrator holds every permission (graph-spec §1.5).
    const ids = [GLOBAL_ADMIN, ...table.roles.map((r) => DIRECTORY_ROLES[r])];
    if (!ids.some((id) => principal.directoryRoles.has(id))) return denied();
  }
  return undefined;
}
