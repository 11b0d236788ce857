import { Body, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
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
import {
  CreateOAuth2PermissionGrantDto,
  OAuth2PermissionGrantCollectionDto,
  OAuth2PermissionGrantResponseDto,
  UpdateOAuth2PermissionGrantDto,
} from './dto/oauth2-permission-grant.dto.js';
import { OAUTH2_GRANT_READ, OAUTH2_GRANT_WRITE } from './oauth2-permission-grant.permissions.js';
import { OAUTH2_GRANTS_PATH } from './oauth2-permission-grant.representation.js';
import { OAuth2PermissionGrantsService } from './oauth2-permission-grants.service.js';

/** `/oauth2PermissionGrants` on v1.0 and beta (issue #14). */
@GraphController(OAUTH2_GRANTS_PATH, { tag: 'oauth2PermissionGrants' })
@ApiBadRequestResponse({ description: 'Invalid body, id or query option (Request_BadRequest, Request_UnsupportedQuery).' })
export class OAuth2PermissionGrantsController {
  constructor(private readonly grants: OAuth2PermissionGrantsService) {}

  @Get()
  @Permissions('oauth2PermissionGrants.oAuth2PermissionGrant.ListOAuth2PermissionGrant', 'List oauth2PermissionGrants', OAUTH2_GRANT_READ)
  @ApiOkResponse({ type: OAuth2PermissionGrantCollectionDto })
  list(@CurrentPrincipal() p: Principal, @Call() call: GraphCall) {
    return this.grants.list(p, call);
  }

  @Get(COUNT_SEGMENT)
  @Permissions('oauth2PermissionGrants.oAuth2PermissionGrant.GetCount', 'Count oauth2PermissionGrants (text/plain)', OAUTH2_GRANT_READ)
  @ApiProduces('text/plain')
  @ApiOkResponse({ description: 'How many grants (matching `$filter`), as plain text.', schema: { type: 'integer' } })
  count(@CurrentPrincipal() p: Principal, @Call() call: GraphCall) {
    return this.grants.count(p, call);
  }

  @Get(':id')
  @Permissions('oauth2PermissionGrants.oAuth2PermissionGrant.GetOAuth2PermissionGrant', 'Get oAuth2PermissionGrant', OAUTH2_GRANT_READ)
  @ApiOkResponse({ type: OAuth2PermissionGrantResponseDto })
  @ApiNotFoundResponse({ description: 'No such grant in this tenant (Request_ResourceNotFound).' })
  get(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Call() call: GraphCall) {
    return this.grants.get(p, id, call);
  }

  @Post()
  @Permissions(
    'oauth2PermissionGrants.oAuth2PermissionGrant.CreateOAuth2PermissionGrant',
    'Create oAuth2PermissionGrant (delegated consent)',
    OAUTH2_GRANT_WRITE,
  )
  @ApiCreatedResponse({ type: OAuth2PermissionGrantResponseDto })
  @ApiConflictResponse({ description: 'That client already has a grant for this resource and principal (conflict).' })
  create(@CurrentPrincipal() p: Principal, @Body() body: CreateOAuth2PermissionGrantDto, @Call() call: GraphCall) {
    return this.grants.create(p, body, call);
  }

  @Patch(':id')
  @HttpCode(204)
  @Permissions('oauth2PermissionGrants.oAuth2PermissionGrant.UpdateOAuth2PermissionGrant', 'Update oAuth2PermissionGrant (its scope)', OAUTH2_GRANT_WRITE)
  @ApiNoContentResponse({ description: 'Updated.' })
  update(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Body() body: UpdateOAuth2PermissionGrantDto): Promise<void> {
    return this.grants.update(p, id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  @Permissions('oauth2PermissionGrants.oAuth2PermissionGrant.DeleteOAuth2PermissionGrant', 'Delete oAuth2PermissionGrant', OAUTH2_GRANT_WRITE)
  @ApiNoContentResponse({ description: 'Deleted.' })
  delete(@CurrentPrincipal() p: Principal, @Param('id') id: string): Promise<void> {
    return this.grants.delete(p, id);
  }
}
