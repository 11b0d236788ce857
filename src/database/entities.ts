import { SigningKeyEntity } from '../auth/keys/signing-key.entity.js';
import { AuthenticationMethodEntity } from '../authentication/methods/authentication-method.entity.js';
import { AuthenticationOperationEntity } from '../authentication/password-reset/authentication-operation.entity.js';
import { AuthenticationEntity } from '../authentication/authentication-object/authentication.entity.js';
import { AccrEntity } from '../conditional-access/authentication-contexts/accr.entity.js';
import {
  AuthenticationMethodConfigurationEntity,
  AuthenticationMethodsPolicyEntity,
} from '../policies/authentication-methods-policy/authentication-methods-policy.entity.js';
import { UserEntity } from '../users/user.entity.js';
import { ApplicationEntity } from '../directory/applications/application.entity.js';
import { ServicePrincipalEntity } from '../directory/service-principals/service-principal.entity.js';
import { AppRoleAssignmentEntity } from '../directory/app-role-assignments/app-role-assignment.entity.js';
import { OAuth2PermissionGrantEntity } from '../directory/oauth2-permission-grants/oauth2-permission-grant.entity.js';
import { RoleAssignmentEntity } from '../role-management/role-assignments/role-assignment.entity.js';
import { CaPolicyEntity } from '../conditional-access/policies/policy.entity.js';
import { CaNamedLocationEntity } from '../conditional-access/named-locations/named-location.entity.js';
import { CaAuthenticationStrengthEntity } from '../conditional-access/authentication-strengths/authentication-strength.entity.js';
import { CaPolicyReferenceEntity } from '../conditional-access/references/policy-reference.entity.js';
import { ResourceActionBindingEntity } from '../role-management/resource-actions/resource-action-binding.entity.js';
import { SessionRevocationEntity } from '../auth/sessions/session-revocation.entity.js';
import { RefreshTokenEntity } from '../identity-platform/refresh-tokens/refresh-token.entity.js';
import { SignInEntity } from '../audit-logs/sign-in.entity.js';
import { LockoutEntity } from '../identity-platform/lockout/lockout.entity.js';
import { OneTimeCodeEntity, OutboxMessageEntity } from '../identity-platform/outbox/outbox.entities.js';
import { UsedAssertionEntity } from '../identity-platform/client-authentication/used-assertion.entity.js';
import { SignInTransactionEntity } from '../identity-platform/sign-in-page/sign-in-transaction.entity.js';
import { AuthorizationCodeEntity } from '../identity-platform/authorization-codes/authorization-code.entity.js';
import { DeviceCodeEntity } from '../identity-platform/device-codes/device-code.entity.js';
import { SsoSessionEntity } from '../identity-platform/sso-sessions/sso-session.entity.js';

/** Every TypeORM entity, listed explicitly (no globs: the same list serves the app, the CLI and jest). */
export const ENTITIES: Function[] = [
  UserEntity,
  SigningKeyEntity,
  AccrEntity,
  AuthenticationEntity,
  AuthenticationMethodEntity,
  AuthenticationOperationEntity,
  AuthenticationMethodsPolicyEntity,
  AuthenticationMethodConfigurationEntity,
  CaPolicyEntity,
  CaNamedLocationEntity,
  CaAuthenticationStrengthEntity,
  CaPolicyReferenceEntity,
  ApplicationEntity,
  ServicePrincipalEntity,
  AppRoleAssignmentEntity,
  OAuth2PermissionGrantEntity,
  RoleAssignmentEntity,
  ResourceActionBindingEntity,
  SessionRevocationEntity,
  UsedAssertionEntity,
  RefreshTokenEntity,
  SignInEntity,
  LockoutEntity,
  OutboxMessageEntity,
  OneTimeCodeEntity,
  SignInTransactionEntity,
  AuthorizationCodeEntity,
  DeviceCodeEntity,
  SsoSessionEntity,
];
