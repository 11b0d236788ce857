import { ApiProperty } from '@nestjs/swagger';
import { GraphEntity, MethodODataType, methodResponses } from './odata-response.dto.js';

@GraphEntity('microsoft.graph.microsoftAuthenticatorAuthenticationMethod', 'the Microsoft Authenticator app on a device.')
export class MicrosoftAuthenticatorAuthenticationMethodDto {
  @MethodODataType('#microsoft.graph.microsoftAuthenticatorAuthenticationMethod')
  '@odata.type'?: string;

  @ApiProperty({ type: String, format: 'uuid', example: '6c4f8ec6-8c9d-4a3f-a6e0-4e4c2b6d0f51' })
  id: string;

  @ApiProperty({ type: String, nullable: true, example: 'Pixel 8', description: 'Name of the device.' })
  displayName: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'SoftwareTokenActivated' })
  deviceTag: string | null;

  @ApiProperty({ type: String, nullable: true, example: '6.2401.0119' })
  phoneAppVersion: string | null;

  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    example: null,
    description: '`null` unless the device is registered for passwordless phone sign-in.',
  })
  createdDateTime: string | null;

  @ApiProperty({
    required: false,
    enum: ['microsoftAuthenticator', 'outlookMobile', 'unknownFutureValue'],
    nullable: true,
    example: 'microsoftAuthenticator',
    description: 'beta only; absent on v1.0.',
  })
  clientAppName?: string | null;
}

export const MICROSOFT_AUTHENTICATOR_METHOD_RESPONSES = methodResponses(MicrosoftAuthenticatorAuthenticationMethodDto, 'microsoftAuthenticatorMethods');
