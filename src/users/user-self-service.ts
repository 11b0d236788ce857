import { DIRECTORY_ROLES } from '../auth/directory-roles.js';
import type { Principal } from '../auth/principal.js';
import { GraphErrors } from '../graph/errors/graph.exception.js';
import type { UpdateUserDto } from './dto/user.dto.js';

/** What users may change on their own profile without an administrator role: contact details (docs/choices.md). */
const SELF_SERVICE_PROPERTIES = new Set(['businessPhones', 'mobilePhone', 'officeLocation', 'preferredLanguage']);
const USER_ADMINS = [DIRECTORY_ROLES['Global Administrator'], DIRECTORY_ROLES['User Administrator']];

/**
 * A signed-in user updating themself without an administrator role may change their contact details
 * only; identity, sign-in and organisational properties stay with administrators (403, as Graph).
 */
export function assertSelfServiceUpdate(principal: Principal, dto: UpdateUserDto): void {
  if (principal.kind !== 'delegated' || USER_ADMINS.some((r) => principal.directoryRoles.has(r))) return;
  const forbidden = Object.keys(dto).find((k) => (dto as Record<string, unknown>)[k] !== undefined && !SELF_SERVICE_PROPERTIES.has(k));
  if (forbidden) throw GraphErrors.forbidden();
}
