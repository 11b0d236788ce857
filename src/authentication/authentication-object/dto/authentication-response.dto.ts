import { ApiProperty } from '@nestjs/swagger';
import { MFA_STATES, PREFERRED_METHODS } from './authentication.dto.js';
import { GraphVersionOnly } from '../../../graph/openapi/graph-schemas.js';
import { exampleContext, GraphEntity, ODataEntityResponse } from '../../methods/dto/odata-response.dto.js';

/** beta `signInPreferences` as returned (graph-spec §2.3). */
@GraphEntity('microsoft.graph.signInPreferences', 'system-preferred MFA and the default second factor (beta).')
export class SignInPreferencesStateDto {
  @ApiProperty({ type: Boolean, example: true, description: 'System-preferred MFA; `true` until set (Microsoft-managed, on by default).' })
  isSystemPreferredAuthenticationMethodEnabled: boolean;

  @ApiProperty({
    enum: PREFERRED_METHODS,
    nullable: true,
    example: 'push',
    description: 'Default second factor; ignored while system-preferred MFA is on (except NPS/ADFS). `null` until set.',
  })
  userPreferredMethodForSecondaryAuthentication: string | null;
}

/** beta `strongAuthenticationRequirements` as returned (graph-spec §2.3). */
@GraphEntity('microsoft.graph.strongAuthenticationRequirements', 'per-user MFA state (beta).')
export class RequirementsStateDto {
  @ApiProperty({ enum: MFA_STATES, example: 'enforced', description: 'Per-user MFA state; `disabled` until set.' })
  perUserMfaState: string;
}

/** `GET {u}/authentication` on v1.0, and both versions' POST (201 or 200). */
@GraphEntity('microsoft.graph.authentication', "the user's authentication object, one per user (v1.0 shape).")
export class AuthenticationDto {
  @ApiProperty({ type: String, format: 'uri', example: exampleContext('/$entity') })
  '@odata.context': string;

  @ApiProperty({ enum: ['#microsoft.graph.authentication'], example: '#microsoft.graph.authentication' })
  '@odata.type': string;

  @ApiProperty({ type: String, format: 'uuid', example: '0d9a44ad-e97f-4e5d-a7a8-0f8e8b9c2e11', description: 'Read-only.' })
  id: string;
}

/** `GET {u}/authentication` on beta: the v1.0 shape plus the two states. */
@GraphEntity('microsoft.graph.authentication', "the user's authentication object (beta shape: adds signInPreferences and requirements).")
@GraphVersionOnly('beta')
export class BetaAuthenticationDto extends AuthenticationDto {
  @ApiProperty({ example: exampleContext('/$entity', 'beta') })
  declare '@odata.context': string;

  @ApiProperty({ type: SignInPreferencesStateDto })
  signInPreferences: SignInPreferencesStateDto;

  @ApiProperty({ type: RequirementsStateDto })
  requirements: RequirementsStateDto;
}

/** `GET {u}/authentication/signInPreferences` (beta). */
export const SignInPreferencesResponseDto = ODataEntityResponse(
  SignInPreferencesStateDto,
  'SignInPreferencesResponseDto',
  exampleContext('/signInPreferences', 'beta'),
);

/** `GET {u}/authentication/requirements` (beta). */
export const RequirementsResponseDto = ODataEntityResponse(RequirementsStateDto, 'RequirementsResponseDto', exampleContext('/requirements', 'beta'));
