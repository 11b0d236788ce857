import { ApiProperty } from '@nestjs/swagger';
import { EMAIL_METHOD_ID } from '../families/method-ids.js';
import { GraphEntity, MethodODataType, methodResponses } from './odata-response.dto.js';

@GraphEntity('microsoft.graph.emailAuthenticationMethod', 'the address used for self-service password reset; at most one.')
export class EmailAuthenticationMethodDto {
  @MethodODataType('#microsoft.graph.emailAuthenticationMethod')
  '@odata.type'?: string;

  @ApiProperty({ type: String, format: 'uuid', enum: [EMAIL_METHOD_ID], example: EMAIL_METHOD_ID, description: 'Always this id.' })
  id: string;

  @ApiProperty({ type: String, format: 'email', maxLength: 256, example: 'kim@contoso.com' })
  emailAddress: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: '2024-01-01T00:00:00.000Z', description: 'When it was registered.' })
  createdDateTime: string | null;
}

export const EMAIL_METHOD_RESPONSES = methodResponses(EmailAuthenticationMethodDto, 'emailMethods');
