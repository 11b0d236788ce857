import { Body, Get, HttpCode, Param, Patch } from '@nestjs/common';
import { ApiBadRequestResponse, ApiNoContentResponse, ApiNotFoundResponse, ApiOkResponse } from '@nestjs/swagger';
import { CurrentPrincipal } from '../../auth/current-principal.decorator.js';
import { Permissions } from '../../auth/permissions/permissions.decorator.js';
import type { Principal } from '../../auth/principal.js';
import { Call, type GraphCall } from '../../graph/graph-call.js';
import { GraphController } from '../../graph/graph-controller.decorator.js';
import { ResourceActionCollectionDto, ResourceActionDto, UpdateResourceActionDto } from './dto/resource-action.dto.js';
import { RESOURCE_ACTIONS_READ, RESOURCE_ACTIONS_WRITE } from './resource-actions.permissions.js';
import { RESOURCE_ACTIONS_PATH, ResourceActionsService } from './resource-actions.service.js';

/** Beta only: the directory's resource actions and the authentication contexts that protect them (DECISIONS §9). */
@GraphController(RESOURCE_ACTIONS_PATH, { tag: 'roleManagement', versions: ['beta'] })
@ApiBadRequestResponse({ description: 'Invalid body or query option.' })
export class ResourceActionsController {
  constructor(private readonly actions: ResourceActionsService) {}

  @Get()
  @Permissions('roleManagement.directory.resourceNamespaces.ListResourceActions', 'List resourceActions', RESOURCE_ACTIONS_READ)
  @ApiOkResponse({ type: ResourceActionCollectionDto })
  list(@CurrentPrincipal() p: Principal, @Call() call: GraphCall) {
    return this.actions.list(p.tenantId, call);
  }

  @Get(':id')
  @Permissions('roleManagement.directory.resourceNamespaces.GetResourceActions', 'Get unifiedRbacResourceAction', RESOURCE_ACTIONS_READ)
  @ApiOkResponse({ type: ResourceActionDto })
  @ApiNotFoundResponse({ description: 'No such resource action (Request_ResourceNotFound).' })
  get(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Call() call: GraphCall) {
    return this.actions.get(p.tenantId, id, call);
  }

  @Patch(':id')
  @HttpCode(204)
  @Permissions(
    'roleManagement.directory.resourceNamespaces.UpdateResourceActions',
    'Protect a resource action with an authentication context',
    RESOURCE_ACTIONS_WRITE,
  )
  @ApiNoContentResponse({ description: 'Updated.' })
  @ApiNotFoundResponse({ description: 'No such resource action (Request_ResourceNotFound).' })
  update(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Body() body: UpdateResourceActionDto): Promise<void> {
    return this.actions.update(p.tenantId, id, body);
  }
}
