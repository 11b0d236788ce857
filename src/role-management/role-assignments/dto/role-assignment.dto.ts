import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { GraphEntity } from '../../../graph/openapi/graph-schemas.js';
import { IsODataType } from '../../../graph/validation/odata-type.decorator.js';
import { GraphReadOnly, GraphString } from '../../../graph/validation/properties.js';

const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

export class CreateRoleAssignmentDto {
  @IsODataType('#microsoft.graph.unifiedRoleAssignment')
  '@odata.type'?: string;

  @GraphString({ required: true, pattern: GUID, message: 'must be a GUID', description: 'A user or service principal of the tenant.' })
  principalId: string;

  @GraphString({ required: true, pattern: GUID, message: 'must be a GUID', description: 'A built-in role (its id, the template id).' })
  roleDefinitionId: string;

  @GraphString({ required: true, maxLength: 256, description: "The directory scope: '/' (the tenant) is the one served here." })
  directoryScopeId: string;

  @GraphReadOnly({ type: String, description: 'Not served: only directory scopes.' })
  appScopeId?: never;

  @GraphReadOnly({ type: String, description: 'Not served: conditions are not modelled.' })
  condition?: never;
}

@GraphEntity('microsoft.graph.unifiedRoleAssignment', 'a directory role held by a user or service principal.')
export class RoleAssignmentResponseDto {
  @ApiProperty() id: string;
  @ApiProperty() principalId: string;
  @ApiProperty() principalOrganizationId: string;
  @ApiProperty() directoryScopeId: string;
  @ApiProperty() resourceScope: string;
  @ApiProperty() roleDefinitionId: string;
  @ApiProperty({ type: String, nullable: true }) appScopeId: string | null;
  @ApiProperty({ type: String, nullable: true }) condition: string | null;
}

export class RoleAssignmentCollectionDto {
  @ApiProperty({ example: 'https://graph.example/v1.0/$metadata#roleManagement/directory/roleAssignments' })
  '@odata.context': string;

  @ApiPropertyOptional() '@odata.count'?: number;

  @ApiPropertyOptional() '@odata.nextLink'?: string;

  @ApiProperty({ type: [RoleAssignmentResponseDto] })
  value: RoleAssignmentResponseDto[];
}
