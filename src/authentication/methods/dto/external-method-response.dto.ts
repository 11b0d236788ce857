import { ApiProperty } from '@nestjs/swagger';
import { GraphEntity, MethodODataType, methodResponses } from './odata-response.dto.js';

@GraphEntity('microsoft.graph.externalAuthenticationMethod', 'a method of an external authentication provider; none can be registered here yet.')
export class ExternalAuthenticationMethodDto {
  @MethodODataType('#microsoft.graph.externalAuthenticationMethod')
  '@odata.type'?: string;

  @ApiProperty({ type: String, example: '6b4f4d6c-1f6b-4b5c-9a43-2f4b8e0e9f11' })
  id: string;

  @ApiProperty({ type: String, description: 'The external authentication method configuration this method belongs to.' })
  configurationId: string;

  @ApiProperty({ type: String, example: 'Contoso external MFA' })
  displayName: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: '2024-01-01T00:00:00.000Z' })
  createdDateTime: string | null;
}

export const EXTERNAL_METHOD_RESPONSES = methodResponses(ExternalAuthenticationMethodDto, 'externalAuthenticationMethods');
