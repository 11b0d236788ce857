import { Body, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBody, ApiCreatedResponse, ApiNoContentResponse, ApiNotFoundResponse, ApiOkResponse, ApiProduces } from '@nestjs/swagger';
import { CurrentPrincipal } from '../../auth/current-principal.decorator.js';
import { Permissions } from '../../auth/permissions/permissions.decorator.js';
import type { Principal } from '../../auth/principal.js';
import { COUNT_SEGMENT } from '../../graph/count.js';
import { Call, type GraphCall } from '../../graph/graph-call.js';
import { GraphController } from '../../graph/graph-controller.decorator.js';
import { STRENGTH_READ, STRENGTH_WRITE } from '../ca-root.permissions.js';
import { PoliciesService, type PolicyCallOptions } from '../policies/policies.service.js';
import { PolicyCall } from '../policies/policy-call.decorator.js';
import {
  CombinationConfigurationCollectionDto,
  CombinationConfigurationDto,
  StrengthCollectionDto,
  StrengthDto,
  StrengthUsageDto,
  UpdateAllowedCombinationsResultDto,
  IncludeUnknownEnumMembers,
} from '../schema/ca-openapi.js';
import { AuthenticationStrengthsService, STRENGTHS_PATH } from './authentication-strengths.service.js';
import { StrengthCall, STRENGTHS_ALIAS_PATH, STRENGTHS_BETA_ALIAS_PATH, type StrengthCallOptions } from './strength-call.decorator.js';

const BODY = { schema: { type: 'object', additionalProperties: true } };
const NOT_FOUND = { description: 'No such strength (or configuration) in this tenant (ResourceNotFound).' };

/**
 * `/identity/conditionalAccess/authenticationStrength/policies` and its aliases `/policies/authenticationStrengthPolicies`
 * and (beta) `/identity/conditionalAccess/authenticationStrengths/policies` (DECISIONS §7): three read-only
 * built-ins in every tenant plus up to 15 custom strengths.
 */
@GraphController([STRENGTHS_PATH, STRENGTHS_ALIAS_PATH, { path: STRENGTHS_BETA_ALIAS_PATH, versions: ['beta'] }], { tag: 'conditionalAccess' })
@ApiBadRequestResponse({ description: 'Invalid body (numbered message), id or query option; built-ins are read-only.' })
export class AuthenticationStrengthsController {
  constructor(
    private readonly strengths: AuthenticationStrengthsService,
    private readonly policies: PoliciesService,
  ) {}

  @Get()
  @Permissions('identity.conditionalAccess.authenticationStrength.ListPolicies', 'List authenticationStrengthPolicies', STRENGTH_READ)
  @ApiOkResponse({ type: StrengthCollectionDto })
  list(@CurrentPrincipal() p: Principal, @Call() call: GraphCall, @StrengthCall() s: StrengthCallOptions) {
    return this.strengths.list(p.tenantId, call, s.include, s.path);
  }

  @Get(COUNT_SEGMENT)
  @Permissions('identity.conditionalAccess.authenticationStrength.policies.GetCount', 'Count authenticationStrengthPolicies (text/plain)', STRENGTH_READ)
  @ApiProduces('text/plain')
  @ApiOkResponse({ description: 'How many strengths (built-ins included, matching `$filter`), as plain text.', schema: { type: 'integer' } })
  count(@CurrentPrincipal() p: Principal, @Call() call: GraphCall, @StrengthCall() s: StrengthCallOptions) {
    return this.strengths.count(p.tenantId, call, s.include);
  }

  @Get(':id')
  @Permissions('identity.conditionalAccess.authenticationStrength.GetPolicies', 'Get authenticationStrengthPolicy', STRENGTH_READ)
  @ApiOkResponse({ type: StrengthDto })
  @ApiNotFoundResponse(NOT_FOUND)
  get(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Call() call: GraphCall, @StrengthCall() s: StrengthCallOptions) {
    return this.strengths.get(p.tenantId, id, call, s.include, s.path);
  }

  @Post()
  @Permissions('identity.conditionalAccess.authenticationStrength.CreatePolicies', 'Create authenticationStrengthPolicy', STRENGTH_WRITE)
  @ApiBody(BODY)
  @ApiCreatedResponse({ type: StrengthDto, description: 'Created; `Location` names it.' })
  create(@CurrentPrincipal() p: Principal, @Body() body: unknown, @Call() call: GraphCall, @StrengthCall() s: StrengthCallOptions) {
    return this.strengths.create(p.tenantId, body, call, s.path, s.include);
  }

  @Patch(':id')
  @HttpCode(204)
  @Permissions('identity.conditionalAccess.authenticationStrength.UpdatePolicies', 'Update authenticationStrengthPolicy', STRENGTH_WRITE)
  @ApiBody(BODY)
  @ApiNoContentResponse({ description: 'Updated (`displayName`, `description`).' })
  update(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Body() body: unknown): Promise<void> {
    return this.strengths.update(p.tenantId, id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  @Permissions('identity.conditionalAccess.authenticationStrength.DeletePolicies', 'Delete authenticationStrengthPolicy', STRENGTH_WRITE)
  @ApiNoContentResponse({ description: 'Deleted; a strength that live policies name is 400.' })
  @ApiNotFoundResponse(NOT_FOUND)
  delete(@CurrentPrincipal() p: Principal, @Param('id') id: string): Promise<void> {
    return this.strengths.delete(p.tenantId, id);
  }

  @Post(':id/updateAllowedCombinations')
  @HttpCode(200)
  @Permissions(
    'identity.conditionalAccess.authenticationStrength.policies.updateAllowedCombinations',
    'Update the allowed combinations of an authenticationStrengthPolicy',
    STRENGTH_WRITE,
  )
  @ApiBody({ schema: { type: 'object', properties: { allowedCombinations: { type: 'array', items: { type: 'string' } } } } })
  @ApiOkResponse({ type: UpdateAllowedCombinationsResultDto })
  updateAllowedCombinations(
    @CurrentPrincipal() p: Principal,
    @Param('id') id: string,
    @Body() body: unknown,
    @Call() call: GraphCall,
    @IncludeUnknownEnumMembers() include: boolean,
  ) {
    return this.strengths.updateAllowedCombinations(p.tenantId, id, body, call, include);
  }

  @Get(':id/usage')
  @Permissions('identity.conditionalAccess.authenticationStrength.policies.usage', 'Policies that use an authenticationStrengthPolicy', STRENGTH_READ)
  @ApiOkResponse({ type: StrengthUsageDto })
  @ApiNotFoundResponse(NOT_FOUND)
  usage(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Call() call: GraphCall, @PolicyCall() options: PolicyCallOptions) {
    return this.policies.strengthUsage(p.tenantId, id, call, options);
  }

  @Get(':id/combinationConfigurations')
  @Permissions('identity.conditionalAccess.authenticationStrength.policies.ListCombinationConfigurations', 'List combinationConfigurations', STRENGTH_READ)
  @ApiOkResponse({ type: CombinationConfigurationCollectionDto })
  @ApiNotFoundResponse(NOT_FOUND)
  listConfigurations(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Call() call: GraphCall, @IncludeUnknownEnumMembers() include: boolean) {
    return this.strengths.listConfigurations(p.tenantId, id, call, include);
  }

  @Get(':id/combinationConfigurations/:configurationId')
  @Permissions(
    'identity.conditionalAccess.authenticationStrength.policies.GetCombinationConfigurations',
    'Get authenticationCombinationConfiguration',
    STRENGTH_READ,
  )
  @ApiOkResponse({ type: CombinationConfigurationDto })
  @ApiNotFoundResponse(NOT_FOUND)
  getConfiguration(
    @CurrentPrincipal() p: Principal,
    @Param('id') id: string,
    @Param('configurationId') configurationId: string,
    @Call() call: GraphCall,
    @IncludeUnknownEnumMembers() include: boolean,
  ) {
    return this.strengths.getConfiguration(p.tenantId, id, configurationId, call, include);
  }

  @Post(':id/combinationConfigurations')
  @Permissions(
    'identity.conditionalAccess.authenticationStrength.policies.CreateCombinationConfigurations',
    'Create authenticationCombinationConfiguration',
    STRENGTH_WRITE,
  )
  @ApiBody(BODY)
  @ApiCreatedResponse({ type: CombinationConfigurationDto })
  createConfiguration(
    @CurrentPrincipal() p: Principal,
    @Param('id') id: string,
    @Body() body: unknown,
    @Call() call: GraphCall,
    @IncludeUnknownEnumMembers() include: boolean,
  ) {
    return this.strengths.createConfiguration(p.tenantId, id, body, call, include);
  }

  @Patch(':id/combinationConfigurations/:configurationId')
  @HttpCode(204)
  @Permissions(
    'identity.conditionalAccess.authenticationStrength.policies.UpdateCombinationConfigurations',
    'Update authenticationCombinationConfiguration',
    STRENGTH_WRITE,
  )
  @ApiBody(BODY)
  @ApiNoContentResponse({ description: 'Updated.' })
  updateConfiguration(
    @CurrentPrincipal() p: Principal,
    @Param('id') id: string,
    @Param('configurationId') configurationId: string,
    @Body() body: unknown,
  ): Promise<void> {
    return this.strengths.updateConfiguration(p.tenantId, id, configurationId, body);
  }

  @Delete(':id/combinationConfigurations/:configurationId')
  @HttpCode(204)
  @Permissions(
    'identity.conditionalAccess.authenticationStrength.policies.DeleteCombinationConfigurations',
    'Delete authenticationCombinationConfiguration',
    STRENGTH_WRITE,
  )
  @ApiNoContentResponse({ description: 'Deleted.' })
  deleteConfiguration(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Param('configurationId') configurationId: string): Promise<void> {
    return this.strengths.deleteConfiguration(p.tenantId, id, configurationId);
  }
}
