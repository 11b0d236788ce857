import { SigningKeyEntity } from '../auth/keys/signing-key.entity.js';
import { AuthenticationMethodEntity } from '../authentication/authentication-method.entity.js';
import { AuthenticationOperationEntity } from '../authentication/authentication-operation.entity.js';
import { AuthenticationEntity } from '../authentication/authentication.entity.js';
import { TapPolicyEntity } from '../authentication/tap-policy.entity.js';
import { AccrEntity } from '../conditional-access/authentication-contexts/accr.entity.js';
import { UserEntity } from '../users/user.entity.js';
import { CaPolicyEntity } from '../conditional-access/policies/policy.entity.js';
import { CaNamedLocationEntity } from '../conditional-access/named-locations/named-location.entity.js';
import { CaAuthenticationStrengthEntity } from '../conditional-access/authentication-strengths/authentication-strength.entity.js';
import { CaPolicyReferenceEntity } from '../conditional-access/references/policy-reference.entity.js';
import { ResourceActionBindingEntity } from '../role-management/resource-actions/resource-action-binding.entity.js';
import { SessionRevocationEntity } from '../auth/sessions/session-revocation.entity.js';

/** Every TypeORM entity, listed explicitly (no globs: the same list serves the app, the CLI and jest). */
export const ENTITIES: Function[] = [
  UserEntity,
  SigningKeyEntity,
  AccrEntity,
  AuthenticationEntity,
  AuthenticationMethodEntity,
  AuthenticationOperationEntity,
  TapPolicyEntity,
  CaPolicyEntity,
  CaNamedLocationEntity,
  CaAuthenticationStrengthEntity,
  CaPolicyReferenceEntity,
  ResourceActionBindingEntity,
  SessionRevocationEntity,
];
