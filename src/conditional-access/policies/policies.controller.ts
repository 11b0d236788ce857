import { Body, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiBadRequestResponse, ApiProduces, ApiBody, ApiCreatedResponse, ApiNoContentResponse, ApiNotFoundResponse, ApiOkResponse } from '@nestjs/swagger';
import { CurrentPrincipal } from '../../auth/current-principal.decorator.js';
import { Permissions } from '../../auth/permissions/permissions.decorator.js';
import type { Principal } from '../../auth/principal.js';
import { COUNT_SEGMENT } from '../../graph/count.js';
import { Call, type GraphCall } from '../../graph/graph-call.js';
import { GraphController } from '../../graph/graph-controller.decorator.js';
import { CA_READ, CA_WRITE } from '../ca-root.permissions.js';
import { PolicyCollectionDto, PolicyDto } from '../schema/ca-openapi.js';
import { POLICIES_ALIAS_PATH, POLICIES_PATH, PoliciesService, type PolicyCallOptions } from './policies.service.js';
import { PolicyCall } from './policy-call.decorator.js';

const BODY = { schema: { type: 'object', additionalProperties: true, description: 'A conditionalAccessPolicy (graph-spec-ca-root §1).' } };

/** `/identity/conditionalAccess/policies` and its alias `/policies/conditionalAccessPolicies` (DECISIONS §7). */
@GraphController([POLICIES_PATH, POLICIES_ALIAS_PATH], { tag: 'conditionalAccess' })
@ApiBadRequestResponse({ description: 'Invalid body (numbered message), id or query option.' })
export class PoliciesController {
  constructor(private readonly policies: PoliciesService) {}

  @Get()
  @Permissions('identity.conditionalAccess.ListPolicies', 'List conditionalAccessPolicies', CA_READ)
  @ApiOkResponse({ type: PolicyCollectionDto })
  list(@CurrentPrincipal() p: Principal, @Call() call: GraphCall, @PolicyCall() options: PolicyCallOptions) {
    return this.policies.list(p.tenantId, call, options);
  }

  @Get(COUNT_SEGMENT)
  @Permissions('identity.conditionalAccess.policies.GetCount', 'Count conditionalAccessPolicies (text/plain)', CA_READ)
  @ApiProduces('text/plain')
  @ApiOkResponse({ description: 'How many policies (matching `$filter`), as plain text.', schema: { type: 'integer' } })
  count(@CurrentPrincipal() p: Principal, @Call() call: GraphCall) {
    return this.policies.count(p.tenantId, call);
  }

  @Get(':id')
  @Permissions('identity.conditionalAccess.GetPolicies', 'Get conditionalAccessPolicy', CA_READ)
  @ApiOkResponse({ type: PolicyDto })
  @ApiNotFoundResponse({ description: 'No such policy in this tenant (ResourceNotFound).' })
  get(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Call() call: GraphCall, @PolicyCall() options: PolicyCallOptions) {
    return this.policies.get(p.tenantId, id, call, options);
  }

  @Post()
  @Permissions('identity.conditionalAccess.CreatePolicies', 'Create conditionalAccessPolicy', CA_WRITE)
  @ApiBody(BODY)
  @ApiCreatedResponse({ type: PolicyDto, description: 'Created: the full normalised policy; `Location` names it.' })
  create(@CurrentPrincipal() p: Principal, @Body() body: unknown, @Call() call: GraphCall, @PolicyCall() options: PolicyCallOptions) {
    return this.policies.create(p.tenantId, body, call, options);
  }

  @Patch(':id')
  @HttpCode(204)
  @Permissions('identity.conditionalAccess.UpdatePolicies', 'Update conditionalAccessPolicy', CA_WRITE)
  @ApiBody(BODY)
  @ApiNoContentResponse({ description: 'Updated (recursive merge, arrays replaced, the result validated).' })
  update(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Body() body: unknown, @Call() call: GraphCall): Promise<void> {
    return this.policies.update(p.tenantId, id, body, call.version);
  }

  @Delete(':id')
  @HttpCode(204)
  @Permissions('identity.conditionalAccess.DeletePolicies', 'Delete conditionalAccessPolicy (to deletedItems for 30 days)', CA_WRITE)
  @ApiNoContentResponse({ description: 'Deleted (soft).' })
  delete(@CurrentPrincipal() p: Principal, @Param('id') id: string): Promise<void> {
    return this.policies.delete(p.tenantId, id);
  }
}
