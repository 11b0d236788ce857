import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { GraphEntity } from '../../../graph/openapi/graph-schemas.js';

@GraphEntity('microsoft.graph.unifiedRoleDefinition', 'a built-in Microsoft Entra role.')
export class RoleDefinitionResponseDto {
  @ApiProperty({ example: '62e90394-69f5-4237-9190-012177145e10' }) id: string;
  @ApiProperty({ type: String, nullable: true }) description: string | null;
  @ApiProperty({ example: 'Global Administrator' }) displayName: string;
  @ApiProperty() isBuiltIn: boolean;
  @ApiProperty() isEnabled: boolean;
  @ApiProperty({ type: [String] }) resourceScopes: string[];
  @ApiProperty({ type: [Object] }) rolePermissions: object[];
  @ApiProperty() templateId: string;
  @ApiProperty() version: string;
}

export class RoleDefinitionCollectionDto {
  @ApiProperty({ example: 'https://graph.example/v1.0/$metadata#roleManagement/directory/roleDefinitions' })
  '@odata.context': string;

  @ApiPropertyOptional() '@odata.count'?: number;

  @ApiProperty({ type: [RoleDefinitionResponseDto] })
  value: RoleDefinitionResponseDto[];
}
