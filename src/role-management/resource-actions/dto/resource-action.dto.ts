import { ApiProperty } from '@nestjs/swagger';
import { GraphEntity } from '../../../graph/openapi/graph-schemas.js';
import { IsODataType } from '../../../graph/validation/odata-type.decorator.js';
import { GraphString } from '../../../graph/validation/properties.js';
import { ACR_ID_PATTERN } from '../../../conditional-access/authentication-contexts/dto/accr-validation.decorators.js';

const EXAMPLE_CONTEXT = "https://graph.example/beta/$metadata#roleManagement/directory/resourceNamespaces('microsoft.directory')/resourceActions";

/** `PATCH …/resourceActions/{id}`: only the binding can change (DECISIONS §9). */
export class UpdateResourceActionDto {
  @IsODataType('#microsoft.graph.unifiedRbacResourceAction')
  '@odata.type'?: string;

  @GraphString({
    nullable: true,
    pattern: ACR_ID_PATTERN,
    message: "must be one of 'c1' through 'c25' (lowercase), or null",
    description: 'A published authentication context of the tenant (`c1`…`c25`) that callers must satisfy, or `null` to clear.',
    example: 'c1',
  })
  authenticationContextId?: string | null;
}

/** One resource action, as beta shows it. */
@GraphEntity('microsoft.graph.unifiedRbacResourceAction', 'a directory resource action and the context that protects it.')
export class ResourceActionDto {
  @ApiProperty({ example: 'microsoft.directory-conditionalAccessPolicies-delete-delete' })
  id: string;

  @ApiProperty({ example: 'microsoft.directory/conditionalAccessPolicies/delete' })
  name: string;

  @ApiProperty({ example: 'DELETE' })
  actionVerb: string;

  @ApiProperty()
  description: string;

  @ApiProperty({ type: String, nullable: true })
  resourceScopeId: string | null;

  @ApiProperty()
  isPrivileged: boolean;

  @ApiProperty()
  isAuthenticationContextSettable: boolean;

  @ApiProperty({ type: String, nullable: true, example: 'c1' })
  authenticationContextId: string | null;
}

export class ResourceActionCollectionDto {
  @ApiProperty({ example: EXAMPLE_CONTEXT })
  '@odata.context': string;

  @ApiProperty({ type: [ResourceActionDto] })
  value: ResourceActionDto[];
}
