import { Body, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiBadRequestResponse, ApiCreatedResponse, ApiNoContentResponse, ApiNotFoundResponse, ApiOkResponse, ApiProduces } from '@nestjs/swagger';
import { CurrentPrincipal } from '../../auth/current-principal.decorator.js';
import { Permissions } from '../../auth/permissions/permissions.decorator.js';
import type { Principal } from '../../auth/principal.js';
import { COUNT_SEGMENT } from '../../graph/count.js';
import { Call, type GraphCall } from '../../graph/graph-call.js';
import { GraphController } from '../../graph/graph-controller.decorator.js';
import {
  CreateServicePrincipalDto,
  ServicePrincipalCollectionDto,
  ServicePrincipalResponseDto,
  UpdateServicePrincipalDto,
} from './dto/service-principal.dto.js';
import { SERVICE_PRINCIPAL_CREATE, SERVICE_PRINCIPAL_READ, SERVICE_PRINCIPAL_WRITE } from './service-principal.permissions.js';
import { SERVICE_PRINCIPALS_PATH } from './service-principal.representation.js';
import { ServicePrincipalsService } from './service-principals.service.js';

/** `/servicePrincipals` on v1.0 and beta (issue #14). */
@GraphController(SERVICE_PRINCIPALS_PATH, { tag: 'servicePrincipals' })
@ApiBadRequestResponse({ description: 'Invalid body, id or query option (Request_BadRequest, Request_UnsupportedQuery).' })
export class ServicePrincipalsController {
  constructor(private readonly principals: ServicePrincipalsService) {}

  @Get()
  @Permissions('servicePrincipals.servicePrincipal.ListServicePrincipal', 'List servicePrincipals', SERVICE_PRINCIPAL_READ)
  @ApiOkResponse({ type: ServicePrincipalCollectionDto })
  list(@CurrentPrincipal() p: Principal, @Call() call: GraphCall) {
    return this.principals.list(p, call);
  }

  @Get(COUNT_SEGMENT)
  @Permissions('servicePrincipals.servicePrincipal.GetCount', 'Count servicePrincipals (text/plain)', SERVICE_PRINCIPAL_READ)
  @ApiProduces('text/plain')
  @ApiOkResponse({ description: 'How many service principals (matching `$filter`), as plain text.', schema: { type: 'integer' } })
  count(@CurrentPrincipal() p: Principal, @Call() call: GraphCall) {
    return this.principals.count(p, call);
  }

  @Get(':id')
  @Permissions('servicePrincipals.servicePrincipal.GetServicePrincipal', 'Get servicePrincipal', SERVICE_PRINCIPAL_READ)
  @ApiOkResponse({ type: ServicePrincipalResponseDto })
  @ApiNotFoundResponse({ description: 'No such service principal in this tenant (Request_ResourceNotFound).' })
  get(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Call() call: GraphCall) {
    return this.principals.get(p, id, call);
  }

  @Post()
  @Permissions('servicePrincipals.servicePrincipal.CreateServicePrincipal', 'Create servicePrincipal', SERVICE_PRINCIPAL_CREATE)
  @ApiCreatedResponse({ type: ServicePrincipalResponseDto, description: 'Created; `Location` names the new principal.' })
  create(@CurrentPrincipal() p: Principal, @Body() body: CreateServicePrincipalDto, @Call() call: GraphCall) {
    return this.principals.create(p, body, call);
  }

  @Patch(':id')
  @HttpCode(204)
  @Permissions('servicePrincipals.servicePrincipal.UpdateServicePrincipal', 'Update servicePrincipal', SERVICE_PRINCIPAL_WRITE)
  @ApiNoContentResponse({ description: 'Updated.' })
  update(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Body() body: UpdateServicePrincipalDto): Promise<void> {
    return this.principals.update(p, id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  @Permissions('servicePrincipals.servicePrincipal.DeleteServicePrincipal', 'Delete servicePrincipal', SERVICE_PRINCIPAL_WRITE)
  @ApiNoContentResponse({ description: 'Deleted.' })
  delete(@CurrentPrincipal() p: Principal, @Param('id') id: string): Promise<void> {
    return this.principals.delete(p, id);
  }
}
