import type { UserDto } from './dto/user.dto.js';
import type { UserRow } from './users.repository.js';

export const USER_ODATA_TYPE = '#microsoft.graph.user';

/** A user as Graph returns it by default (graph-metadata: user's default set, plus what DECISIONS §5 adds). */
export function toGraph(u: UserRow) {
  return {
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
}
