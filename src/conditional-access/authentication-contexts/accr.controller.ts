import { Body, Delete, Get, HttpCode, Patch, Post } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiProduces,
} from '@nestjs/swagger';
import { CurrentPrincipal } from '../../auth/current-principal.decorator.js';
import { Permissions } from '../../auth/permissions/permissions.decorator.js';
import type { Principal } from '../../auth/principal.js';
import { COUNT_SEGMENT } from '../../graph/count.js';
import { Call, type GraphCall } from '../../graph/graph-call.js';
import { GraphController } from '../../graph/graph-controller.decorator.js';
import { AcrIdParam } from './acr-id.param.js';
import { ACCR_READ, ACCR_WRITE } from './accr.permissions.js';
import { ACCR_PATH } from './accr.representation.js';
import { AccrService } from './accr.service.js';
import { AccrCollectionDto, AccrResponseDto, CreateAccrDto, UpdateAccrDto } from './dto/accr.dto.js';

/** `/identity/conditionalAccess/authenticationContextClassReferences` on v1.0 and beta (DECISIONS §2). */
@GraphController(ACCR_PATH, { tag: 'conditionalAccess' })
@ApiBadRequestResponse({ description: 'Invalid body, id or query option (Request_BadRequest, Request_UnsupportedQuery).' })
export class AccrController {
  constructor(private readonly accr: AccrService) {}

  @Get()
  @Permissions('identity.conditionalAccess.ListAuthenticationContextClassReferences', 'List authenticationContextClassReferences', ACCR_READ)
  @ApiOkResponse({ type: AccrCollectionDto })
  list(@CurrentPrincipal() p: Principal, @Call() call: GraphCall) {
    return this.accr.list(p.tenantId, call);
  }

  @Get(COUNT_SEGMENT)
  @Permissions('identity.conditionalAccess.authenticationContextClassReferences.GetCount', 'Count authenticationContextClassReferences (text/plain)', ACCR_READ)
  @ApiProduces('text/plain')
  @ApiOkResponse({ description: 'How many contexts (matching `$filter`), as plain text.', schema: { type: 'integer' } })
  count(@CurrentPrincipal() p: Principal, @Call() call: GraphCall) {
    return this.accr.count(p.tenantId, call);
  }

  @Get(':id')
  @Permissions('identity.conditionalAccess.GetAuthenticationContextClassReferences', 'Get authenticationContextClassReference', ACCR_READ)
  @ApiOkResponse({ type: AccrResponseDto })
  @ApiNotFoundResponse({ description: 'No such context in this tenant (itemNotFound).' })
  get(@CurrentPrincipal() p: Principal, @AcrIdParam() id: string, @Call() call: GraphCall) {
    return this.accr.get(p.tenantId, id, call);
  }

  @Post()
  @Permissions('identity.conditionalAccess.CreateAuthenticationContextClassReferences', 'Create authenticationContextClassReference', ACCR_WRITE)
  @ApiCreatedResponse({ type: AccrResponseDto, description: 'Created; `Location` names the new context.' })
  @ApiConflictResponse({ description: 'The id is already in use (conflict).' })
  create(@CurrentPrincipal() p: Principal, @Body() body: CreateAccrDto, @Call() call: GraphCall) {
    return this.accr.create(p.tenantId, body, call);
  }

  @Patch()
  @Permissions(
    'identity.conditionalAccess.UpsertAuthenticationContextClassReferences',
    'Create or update authenticationContextClassReference (by the id in the body)',
    ACCR_WRITE,
  )
  @ApiCreatedResponse({ type: AccrResponseDto, description: 'Created; `Location` names the new context.' })
  @ApiOkResponse({ type: AccrResponseDto, description: 'Updated: the merged context.' })
  upsertFromCollection(@CurrentPrincipal() p: Principal, @Body() body: CreateAccrDto, @Call() call: GraphCall) {
    return this.accr.upsertFromCollection(p.tenantId, body, call);
  }

  @Patch(':id')
  @HttpCode(204)
  @Permissions('identity.conditionalAccess.UpdateAuthenticationContextClassReferences', 'Create or update authenticationContextClassReference', ACCR_WRITE)
  @ApiNoContentResponse({ description: 'Created or updated.' })
  upsert(@CurrentPrincipal() p: Principal, @AcrIdParam() id: string, @Body() body: UpdateAccrDto): Promise<void> {
    return this.accr.upsert(p.tenantId, id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  @Permissions('identity.conditionalAccess.DeleteAuthenticationContextClassReferences', 'Delete authenticationContextClassReference', ACCR_WRITE)
  @ApiNoContentResponse({ description: 'Deleted.' })
  @ApiNotFoundResponse({ description: 'No such context in this tenant (itemNotFound).' })
  delete(@CurrentPrincipal() p: Principal, @AcrIdParam() id: string): Promise<void> {
    return this.accr.delete(p.tenantId, id);
  }
}
