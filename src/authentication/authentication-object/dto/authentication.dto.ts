import { IsODataType } from '../../../graph/validation/odata-type.decorator.js';
import { BAD_REQUEST_CONTEXT } from '../../authentication.errors.js';
import { IsEnumValue, IsGuidId, IsNestedState, IsOptionalFlag } from '../../methods/dto/method-validation.decorators.js';

export const PREFERRED_METHODS = ['push', 'oath', 'voiceMobile', 'voiceAlternateMobile', 'voiceOffice', 'sms', 'unknownFutureValue'] as const;
export const MFA_STATES = ['disabled', 'enabled', 'enforced', 'unknownFutureValue'] as const;

/** beta `signInPreferences` (graph-spec §2.3); also the body of `PATCH …/signInPreferences`. */
export class SignInPreferencesDto {
  @IsOptionalFlag('System-preferred MFA for this user.')
  isSystemPreferredAuthenticationMethodEnabled?: boolean;

  @IsEnumValue(PREFERRED_METHODS, {
    nullable: true,
    description: 'Default second factor; ignored while system-preferred MFA is on (except NPS/ADFS).',
  })
  userPreferredMethodForSecondaryAuthentication?: string | null;
}

/** beta `strongAuthenticationRequirements` (graph-spec §2.3); also the body of `PATCH …/requirements`. */
export class RequirementsDto {
  @IsEnumValue(MFA_STATES, { nullable: false, description: 'Per-user MFA state.' })
  perUserMfaState?: string;
}

/**
 * `POST {u}/authentication` (the seed's create; DECISIONS §3). `signInPreferences` and
 * `requirements` are beta-only: the service refuses them on v1.0.
 */
export class CreateAuthenticationDto {
  @IsODataType('#microsoft.graph.authentication', BAD_REQUEST_CONTEXT)
  '@odata.type'?: string;

  @IsGuidId('Honoured only when the object is created; otherwise a GUID is generated.')
  id?: string;

  @IsNestedState(() => SignInPreferencesDto, 'beta only; applied when the object is created.')
  signInPreferences?: SignInPreferencesDto;

  @IsNestedState(() => RequirementsDto, 'beta only; applied when the object is created.')
  requirements?: RequirementsDto;
}
