import { ApiProperty } from '@nestjs/swagger';
import { PASSWORD_METHOD_ID } from '../families/method-ids.js';
import { GraphEntity, MethodODataType, methodResponses } from './odata-response.dto.js';

@GraphEntity('microsoft.graph.passwordAuthenticationMethod', "the user's password; every user has one, it is never returned.")
export class PasswordAuthenticationMethodDto {
  @MethodODataType('#microsoft.graph.passwordAuthenticationMethod')
  '@odata.type'?: string;

  @ApiProperty({ type: String, format: 'uuid', example: PASSWORD_METHOD_ID })
  id: string;

  @ApiProperty({ type: String, nullable: true, example: null, description: 'Always `null`: the password is never returned.' })
  password: null;

  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    example: '2023-09-18T10:38:07Z',
    description: '`null` until a password row is stored (Graph documents it as not populated).',
  })
  createdDateTime: string | null;
}

export const PASSWORD_METHOD_RESPONSES = methodResponses(PasswordAuthenticationMethodDto, 'passwordMethods');

/** `202` body of resetPassword when the password was generated (graph-spec §2.6.5). */
@GraphEntity('microsoft.graph.passwordResetResponse', 'the generated password.')
export class PasswordResetResponseDto {
  @ApiProperty({
    type: String,
    format: 'uri',
    example: 'https://graph.microsoft.com/v1.0/$metadata#microsoft.graph.passwordResetResponse',
  })
  '@odata.context': string;

  @ApiProperty({ type: String, example: 'Cuyo5459', description: 'The generated password, shown once; the user must change it at next sign-in.' })
  newPassword: string;
}
