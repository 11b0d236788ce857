import { ApiProperty } from '@nestjs/swagger';
import { GraphEntity, MethodODataType, methodResponses } from './odata-response.dto.js';

// Graph's authenticationMethodKeyStrength has no unknownFutureValue member (graph-metadata).
const KEY_STRENGTHS = ['normal', 'weak', 'unknown'];

@GraphEntity('microsoft.graph.windowsHelloForBusinessAuthenticationMethod', 'a Windows Hello for Business key on a device.')
export class WindowsHelloForBusinessAuthenticationMethodDto {
  @MethodODataType('#microsoft.graph.windowsHelloForBusinessAuthenticationMethod')
  '@odata.type'?: string;

  @ApiProperty({ type: String, format: 'uuid', example: 'a2c7e0f4-3b9d-4e61-8c5a-0f7d2b6e1c93' })
  id: string;

  @ApiProperty({ type: String, nullable: true, example: 'LAPTOP-1', description: 'Name of the device.' })
  displayName: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: '2024-02-01T00:00:00Z' })
  createdDateTime: string | null;

  @ApiProperty({ enum: KEY_STRENGTHS, nullable: true, example: 'normal' })
  keyStrength: string | null;
}

export const WINDOWS_HELLO_METHOD_RESPONSES = methodResponses(WindowsHelloForBusinessAuthenticationMethodDto, 'windowsHelloForBusinessMethods');

@GraphEntity('microsoft.graph.platformCredentialAuthenticationMethod', 'a Platform SSO credential (macOS) on a device.')
export class PlatformCredentialAuthenticationMethodDto {
  @MethodODataType('#microsoft.graph.platformCredentialAuthenticationMethod')
  '@odata.type'?: string;

  @ApiProperty({ type: String, format: 'uuid', example: 'e5dc1f68-8e3c-4b3c-9d1b-9a5e4b0c7d2a' })
  id: string;

  @ApiProperty({ type: String, nullable: true, example: 'MacBook', description: 'Name of the device.' })
  displayName: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: '2024-03-01T00:00:00Z' })
  createdDateTime: string | null;

  @ApiProperty({ enum: KEY_STRENGTHS, nullable: true, example: 'normal' })
  keyStrength: string | null;

  @ApiProperty({ enum: ['unknown', 'windows', 'macOS', 'iOS', 'android', 'linux', 'unknownFutureValue'], nullable: true, example: 'macOS' })
  platform: string | null;
}

export const PLATFORM_CREDENTIAL_METHOD_RESPONSES = methodResponses(PlatformCredentialAuthenticationMethodDto, 'platformCredentialMethods');
