import { Get, Param } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiProduces } from '@nestjs/swagger';
import { Permissions } from '../../auth/permissions/permissions.decorator.js';
import { COUNT_SEGMENT } from '../../graph/count.js';
import { Call, type GraphCall } from '../../graph/graph-call.js';
import { GraphController } from '../../graph/graph-controller.decorator.js';
import { ROLE_MANAGEMENT_READ } from '../role-management.permissions.js';
import { RoleDefinitionCollectionDto, RoleDefinitionResponseDto } from './dto/role-definition.dto.js';
import { ROLE_DEFINITIONS_PATH } from './role-definitions.js';
import { RoleDefinitionsService } from './role-definitions.service.js';

/** `/roleManagement/directory/roleDefinitions` on v1.0 and beta: the built-in roles (issue #14). */
@GraphController(ROLE_DEFINITIONS_PATH, { tag: 'roleManagement' })
export class RoleDefinitionsController {
  constructor(private readonly definitions: RoleDefinitionsService) {}

  @Get()
  @Permissions('roleManagement.directory.ListRoleDefinitions', 'List roleDefinitions (built-in roles)', ROLE_MANAGEMENT_READ)
  @ApiOkResponse({ type: RoleDefinitionCollectionDto })
  list(@Call() call: GraphCall) {
    return this.definitions.list(call);
  }

  @Get(COUNT_SEGMENT)
  @Permissions('roleManagement.directory.roleDefinitions.GetCount', 'Count roleDefinitions (text/plain)', ROLE_MANAGEMENT_READ)
  @ApiProduces('text/plain')
  @ApiOkResponse({ description: 'How many role definitions (matching `$filter`), as plain text.', schema: { type: 'integer' } })
  count(@Call() call: GraphCall) {
    return this.definitions.count(call);
  }

  @Get(':id')
  @Permissions('roleManagement.directory.GetRoleDefinitions', 'Get unifiedRoleDefinition', ROLE_MANAGEMENT_READ)
  @ApiOkResponse({ type: RoleDefinitionResponseDto })
  @ApiNotFoundResponse({ description: 'No such role definition (Request_ResourceNotFound).' })
  get(@Param('id') id: string, @Call() call: GraphCall) {
    return this.definitions.get(id, call);
  }
}
