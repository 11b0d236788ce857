import { Body, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiNoContentResponse, ApiNotFoundResponse, ApiOkResponse } from '@nestjs/swagger';
import { CurrentPrincipal } from '../../auth/current-principal.decorator.js';
import { Permissions } from '../../auth/permissions/permissions.decorator.js';
import type { Principal } from '../../auth/principal.js';
import { Call, type GraphCall } from '../../graph/graph-call.js';
import { GraphController } from '../../graph/graph-controller.decorator.js';
import { NoParameters, NoParametersDto } from '../../graph/validation/no-parameters.dto.js';
import { CA_READ, CA_WRITE } from '../ca-root.permissions.js';
import type { PolicyCallOptions } from '../policies/policies.service.js';
import { PolicyCall } from '../policies/policy-call.decorator.js';
import { NamedLocationCollectionDto, NamedLocationDto, PolicyCollectionDto, PolicyDto } from '../schema/ca-openapi.js';
import { DeletedItemsService } from './deleted-items.service.js';

const NOT_FOUND = { description: 'No such deleted item in this tenant (ResourceNotFound).' };

/** `/identity/conditionalAccess/deletedItems/{policies,namedLocations}`: 30 days to restore or purge. */
@GraphController('identity/conditionalAccess/deletedItems', { tag: 'conditionalAccess' })
export class DeletedItemsController {
  constructor(private readonly deleted: DeletedItemsService) {}

  @Get('policies')
  @Permissions('identity.conditionalAccess.deletedItems.ListPolicies', 'List deleted conditionalAccessPolicies', CA_READ)
  @ApiOkResponse({ type: PolicyCollectionDto })
  listPolicies(@CurrentPrincipal() p: Principal, @Call() call: GraphCall, @PolicyCall() options: PolicyCallOptions) {
    return this.deleted.listPolicies(p.tenantId, call, options);
  }

  @Get('policies/:id')
  @Permissions('identity.conditionalAccess.deletedItems.GetPolicies', 'Get deleted conditionalAccessPolicy', CA_READ)
  @ApiOkResponse({ type: PolicyDto })
  @ApiNotFoundResponse(NOT_FOUND)
  getPolicy(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Call() call: GraphCall, @PolicyCall() options: PolicyCallOptions) {
    return this.deleted.getPolicy(p.tenantId, id, call, options);
  }

  @Post('policies/:id/restore')
  @HttpCode(200)
  @Permissions('identity.conditionalAccess.deletedItems.policies.restore', 'Restore deleted conditionalAccessPolicy', CA_WRITE)
  @ApiOkResponse({ type: PolicyDto, description: 'Restored as it was (its references re-checked).' })
  @ApiNotFoundResponse(NOT_FOUND)
  @NoParameters()
  restorePolicy(
    @CurrentPrincipal() p: Principal,
    @Param('id') id: string,
    @Call() call: GraphCall,
    @PolicyCall() options: PolicyCallOptions,
    @Body() _none: NoParametersDto,
  ) {
    return this.deleted.restorePolicy(p.tenantId, id, call, options);
  }

  @Delete('policies/:id')
  @HttpCode(204)
  @Permissions('identity.conditionalAccess.deletedItems.DeletePolicies', 'Purge deleted conditionalAccessPolicy', CA_WRITE)
  @ApiNoContentResponse({ description: 'Gone for good.' })
  @ApiNotFoundResponse(NOT_FOUND)
  purgePolicy(@CurrentPrincipal() p: Principal, @Param('id') id: string): Promise<void> {
    return this.deleted.purgePolicy(p.tenantId, id);
  }

  @Get('namedLocations')
  @Permissions('identity.conditionalAccess.deletedItems.ListNamedLocations', 'List deleted namedLocations', CA_READ)
  @ApiOkResponse({ type: NamedLocationCollectionDto })
  listNamedLocations(@CurrentPrincipal() p: Principal, @Call() call: GraphCall) {
    return this.deleted.listNamedLocations(p.tenantId, call);
  }

  @Get('namedLocations/:id')
  @Permissions('identity.conditionalAccess.deletedItems.GetNamedLocations', 'Get deleted namedLocation', CA_READ)
  @ApiOkResponse({ type: NamedLocationDto })
  @ApiNotFoundResponse(NOT_FOUND)
  getNamedLocation(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Call() call: GraphCall) {
    return this.deleted.getNamedLocation(p.tenantId, id, call);
  }

  @Post('namedLocations/:id/restore')
  @HttpCode(200)
  @Permissions('identity.conditionalAccess.deletedItems.namedLocations.restore', 'Restore deleted namedLocation', CA_WRITE)
  @ApiOkResponse({ type: NamedLocationDto, description: 'Restored as it was (the 195 limit applies).' })
  @ApiNotFoundResponse(NOT_FOUND)
  @NoParameters()
  restoreNamedLocation(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Call() call: GraphCall, @Body() _none: NoParametersDto) {
    return this.deleted.restoreNamedLocation(p.tenantId, id, call);
  }

  @Delete('namedLocations/:id')
  @HttpCode(204)
  @Permissions('identity.conditionalAccess.deletedItems.DeleteNamedLocations', 'Purge deleted namedLocation', CA_WRITE)
  @ApiNoContentResponse({ description: 'Gone for good.' })
  @ApiNotFoundResponse(NOT_FOUND)
  purgeNamedLocation(@CurrentPrincipal() p: Principal, @Param('id') id: string): Promise<void> {
    return this.deleted.purgeNamedLocation(p.tenantId, id);
  }
}
