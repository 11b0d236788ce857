import type { UserDto } from './dto/user.dto.js';
import type { UserRow } from './users.repository.js';
import { selects } from './users.odata.js';

export const USER_ODATA_TYPE = '#microsoft.graph.user';

/** Graph's DateTimeOffset for the directory's timestamps: whole seconds, UTC (`2024-01-01T10:00:00Z`). */
const graphDateTime = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');

/**
 * A user as Graph returns it by default (graph-metadata: user's default set, plus what DECISIONS §5 adds), and the
 * "returned only on $select" properties that `select` names (the row then carries them: `UsersRepository`).
 */
export function toGraph(u: UserRow, select?: readonly string[]) {
  const user = {
    id: u.id,
    businessPhones: u.businessPhones ?? [],
    displayName: u.displayName,
    givenName: u.givenName,
    jobTitle: u.jobTitle,
    mail: u.mail,
    mobilePhone: u.mobilePhone,
    officeLocation: u.officeLocation,
    preferredLanguage: u.preferredLanguage,
    surname: u.surname,
    userPrincipalName: u.userPrincipalName,
    mailNickname: u.mailNickname,
    accountEnabled: u.accountEnabled,
  } satisfies UserDto;
  const created = selects(select, 'createdDateTime');
  const sessions = selects(select, 'signInSessionsValidFromDateTime');
  if (!created && !sessions) return user;
  const selected: { createdDateTime?: string | null; signInSessionsValidFromDateTime?: string | null } = {};
  if (created) selected.createdDateTime = u.createdAt ? graphDateTime(u.createdAt) : null;
  if (sessions) selected.signInSessionsValidFromDateTime = u.signInSessionsValidFrom ? graphDateTime(u.signInSessionsValidFrom) : null;
  return { ...user, ...selected } satisfies UserDto;
}
