import { Body, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiBadRequestResponse, ApiProduces, ApiBody, ApiCreatedResponse, ApiNoContentResponse, ApiNotFoundResponse, ApiOkResponse } from '@nestjs/swagger';
import { CurrentPrincipal } from '../../auth/current-principal.decorator.js';
import { Permissions } from '../../auth/permissions/permissions.decorator.js';
import type { Principal } from '../../auth/principal.js';
import { COUNT_SEGMENT } from '../../graph/count.js';
import { Call, type GraphCall } from '../../graph/graph-call.js';
import { GraphController } from '../../graph/graph-controller.decorator.js';
import { CA_READ, CA_WRITE } from '../ca-root.permissions.js';
import { NamedLocationCollectionDto, NamedLocationDto } from '../schema/ca-openapi.js';
import { NAMED_LOCATIONS_PATH, NamedLocationsService } from './named-locations.service.js';

const BODY = { schema: { type: 'object', additionalProperties: true, description: 'An ipNamedLocation or countryNamedLocation, with its `@odata.type`.' } };

/** `/identity/conditionalAccess/namedLocations` (DECISIONS §7). */
@GraphController(NAMED_LOCATIONS_PATH, { tag: 'conditionalAccess' })
@ApiBadRequestResponse({ description: 'Invalid body (numbered message), id or query option.' })
export class NamedLocationsController {
  constructor(private readonly locations: NamedLocationsService) {}

  @Get()
  @Permissions('identity.conditionalAccess.ListNamedLocations', 'List namedLocations', CA_READ)
  @ApiOkResponse({ type: NamedLocationCollectionDto })
  list(@CurrentPrincipal() p: Principal, @Call() call: GraphCall) {
    return this.locations.list(p.tenantId, call);
  }

  @Get(COUNT_SEGMENT)
  @Permissions('identity.conditionalAccess.namedLocations.GetCount', 'Count namedLocations (text/plain)', CA_READ)
  @ApiProduces('text/plain')
  @ApiOkResponse({ description: 'How many named locations (matching `$filter`), as plain text.', schema: { type: 'integer' } })
  count(@CurrentPrincipal() p: Principal, @Call() call: GraphCall) {
    return this.locations.count(p.tenantId, call);
  }

  @Get(':id')
  @Permissions('identity.conditionalAccess.GetNamedLocations', 'Get namedLocation', CA_READ)
  @ApiOkResponse({ type: NamedLocationDto })
  @ApiNotFoundResponse({ description: 'No such named location in this tenant (ResourceNotFound).' })
  get(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Call() call: GraphCall) {
    return this.locations.get(p.tenantId, id, call);
  }

  @Post()
  @Permissions('identity.conditionalAccess.CreateNamedLocations', 'Create namedLocation', CA_WRITE)
  @ApiBody(BODY)
  @ApiCreatedResponse({ type: NamedLocationDto, description: 'Created; `Location` names it.' })
  create(@CurrentPrincipal() p: Principal, @Body() body: unknown, @Call() call: GraphCall) {
    return this.locations.create(p.tenantId, body, call);
  }

  @Patch(':id')
  @HttpCode(204)
  @Permissions('identity.conditionalAccess.UpdateNamedLocations', 'Update namedLocation', CA_WRITE)
  @ApiBody(BODY)
  @ApiNoContentResponse({ description: 'Updated (the type is fixed).' })
  update(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Body() body: unknown): Promise<void> {
    return this.locations.update(p.tenantId, id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  @Permissions('identity.conditionalAccess.DeleteNamedLocations', 'Delete namedLocation (to deletedItems for 30 days)', CA_WRITE)
  @ApiNoContentResponse({ description: 'Deleted (soft); trusted or referenced locations are 400.' })
  delete(@CurrentPrincipal() p: Principal, @Param('id') id: string): Promise<void> {
    return this.locations.delete(p.tenantId, id);
  }
}
