import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { GraphEntity } from '../../../graph/openapi/graph-schemas.js';
import { IsODataType } from '../../../graph/validation/odata-type.decorator.js';
import { GraphEnum, GraphString } from '../../../graph/validation/properties.js';

const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

/** Grant an app role: `principalId` (a service principal) gets `appRoleId` of `resourceId`'s app roles. */
export class CreateAppRoleAssignmentDto {
  @IsODataType('#microsoft.graph.appRoleAssignment')
  '@odata.type'?: string;

  @GraphString({ required: true, pattern: GUID, message: 'must be a GUID', description: 'The service principal that receives the role.' })
  principalId: string;

  @GraphString({ required: true, pattern: GUID, message: 'must be a GUID', description: 'The resource service principal that defines the role.' })
  resourceId: string;

  @GraphString({ required: true, pattern: GUID, message: 'must be a GUID', description: "The id of one of the resource's app roles." })
  appRoleId: string;

  @GraphEnum(['ServicePrincipal'], { description: 'Only service principals are assignable here.' })
  principalType?: string;
}

@GraphEntity('microsoft.graph.appRoleAssignment', 'an application permission granted to a service principal.')
export class AppRoleAssignmentResponseDto {
  @ApiProperty() id: string;
  @ApiProperty() appRoleId: string;
  @ApiProperty() createdDateTime: string;
  @ApiProperty() creationTimestamp: string;
  @ApiProperty({ type: String, nullable: true }) principalDisplayName: string | null;
  @ApiProperty() principalId: string;
  @ApiProperty() principalType: string;
  @ApiProperty({ type: String, nullable: true }) resourceDisplayName: string | null;
  @ApiProperty() resourceId: string;
}

export class AppRoleAssignmentCollectionDto {
  @ApiProperty({ example: "https://graph.example/v1.0/$metadata#servicePrincipals('…')/appRoleAssignments" })
  '@odata.context': string;

  @ApiPropertyOptional() '@odata.count'?: number;

  @ApiPropertyOptional() '@odata.nextLink'?: string;

  @ApiProperty({ type: [AppRoleAssignmentResponseDto] })
  value: AppRoleAssignmentResponseDto[];
}
