import { ApiProperty } from '@nestjs/swagger';
import { GraphEntity, MethodODataType, methodResponses } from './odata-response.dto.js';

@GraphEntity('microsoft.graph.softwareOathAuthenticationMethod', 'a third-party TOTP authenticator app.')
export class SoftwareOathAuthenticationMethodDto {
  @MethodODataType('#microsoft.graph.softwareOathAuthenticationMethod')
  '@odata.type'?: string;

  @ApiProperty({ type: String, format: 'uuid', example: 'b172893e-8f08-4a07-9b3e-1c8ff9f1c2b1' })
  id: string;

  @ApiProperty({ type: String, nullable: true, example: null, description: 'Always `null`: the secret never leaves the service.' })
  secretKey: null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: '2024-01-01T00:00:00.000Z', description: 'When it was registered.' })
  createdDateTime: string | null;
}

export const SOFTWARE_OATH_METHOD_RESPONSES = methodResponses(SoftwareOathAuthenticationMethodDto, 'softwareOathMethods');
