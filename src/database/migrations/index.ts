import { CreateUsers1795360000000 } from './1795360000000-CreateUsers.js';
import { CreateSigningKeys1795360000001 } from './1795360000001-CreateSigningKeys.js';
import { CreateAuthenticationContextClassReferences1795360000400 } from './1795360000400-CreateAuthenticationContextClassReferences.js';
import { CreateAuthenticationMethods1795360000500 } from './1795360000500-CreateAuthenticationMethods.js';
import { CreateConditionalAccessRoot1795360000600 } from './1795360000600-CreateConditionalAccessRoot.js';
import { AddUserProfileProperties1795360004000 } from './1795360004000-AddUserProfileProperties.js';
import { TrackUserChanges1795360004100 } from './1795360004100-TrackUserChanges.js';
import { CreateAuthenticationMethodsPolicy1795360005000 } from './1795360005000-CreateAuthenticationMethodsPolicy.js';
import { CreateDirectoryApplications1795360007000 } from './1795360007000-CreateDirectoryApplications.js';
import { CreateDirectoryServicePrincipals1795360007010 } from './1795360007010-CreateDirectoryServicePrincipals.js';
import { CreateDirectoryAppRoleAssignments1795360007020 } from './1795360007020-CreateDirectoryAppRoleAssignments.js';
import { CreateDirectoryOAuth2PermissionGrants1795360007030 } from './1795360007030-CreateDirectoryOAuth2PermissionGrants.js';
import { CreateDirectoryRoleAssignments1795360007040 } from './1795360007040-CreateDirectoryRoleAssignments.js';
import { AddUserPasswordHashes1795360007050 } from './1795360007050-AddUserPasswordHashes.js';
import { CreateResourceActionBindings1795360006000 } from './1795360006000-CreateResourceActionBindings.js';
import { CreateUserSessionRevocations1795360006010 } from './1795360006010-CreateUserSessionRevocations.js';
import { CreateIdentityPlatformRefreshTokens1795360008010 } from './1795360008010-CreateIdentityPlatformRefreshTokens.js';
import { CreateIdentityPlatformSignIns1795360009000 } from './1795360009000-CreateIdentityPlatformSignIns.js';
import { AddRefreshTokenPublicClient1795360009010 } from './1795360009010-AddRefreshTokenPublicClient.js';
import { CreateIdentityPlatformDeviceCodes1795360009020 } from './1795360009020-CreateIdentityPlatformDeviceCodes.js';
import { CreateIdentityPlatformUsedAssertions1795360008000 } from './1795360008000-CreateIdentityPlatformUsedAssertions.js';
import { CreateAuditSignIns1795360011000 } from './1795360011000-CreateAuditSignIns.js';
import { CreateIdentityPlatformLockouts1795360011010 } from './1795360011010-CreateIdentityPlatformLockouts.js';
import { CreateIdentityPlatformOutboxAndCodes1795360011020 } from './1795360011020-CreateIdentityPlatformOutboxAndCodes.js';
import { AddSignInMethods1795360014000 } from './1795360014000-AddSignInMethods.js';
import { AddRefreshTokenIssuedAt1795360017200 } from './1795360017200-AddRefreshTokenIssuedAt.js';
import { CreateIdentityPlatformSsoSessions1795360017501 } from './1795360017501-CreateIdentityPlatformSsoSessions.js';
import { UserCreatedAtInSeconds1795360017600 } from './1795360017600-UserCreatedAtInSeconds.js';

/**
 * Every migration, in order. To add one: `npm run migration:create -- src/database/migrations/<Name>`, write it
 * by hand (the entities do not declare indexes, foreign keys or generated columns: see README "Migrations"), list it here.
 */
export const MIGRATIONS: Function[] = [
  CreateUsers1795360000000,
  CreateSigningKeys1795360000001,
  CreateAuthenticationContextClassReferences1795360000400,
  CreateAuthenticationMethods1795360000500,
  CreateConditionalAccessRoot1795360000600,
  AddUserProfileProperties1795360004000,
  TrackUserChanges1795360004100,
  CreateAuthenticationMethodsPolicy1795360005000,
  CreateDirectoryApplications1795360007000,
  CreateDirectoryServicePrincipals1795360007010,
  CreateDirectoryAppRoleAssignments1795360007020,
  CreateDirectoryOAuth2PermissionGrants1795360007030,
  CreateDirectoryRoleAssignments1795360007040,
  AddUserPasswordHashes1795360007050,
  CreateResourceActionBindings1795360006000,
  CreateUserSessionRevocations1795360006010,
  CreateIdentityPlatformUsedAssertions1795360008000,
  CreateIdentityPlatformRefreshTokens1795360008010,
  CreateIdentityPlatformSignIns1795360009000,
  AddRefreshTokenPublicClient1795360009010,
  CreateIdentityPlatformDeviceCodes1795360009020,
  CreateAuditSignIns1795360011000,
  CreateIdentityPlatformLockouts1795360011010,
  CreateIdentityPlatformOutboxAndCodes1795360011020,
  AddSignInMethods1795360014000,
  AddRefreshTokenIssuedAt1795360017200,
  CreateIdentityPlatformSsoSessions1795360017501,
  UserCreatedAtInSeconds1795360017600,
];
