import { Body, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBody, ApiCreatedResponse, ApiNoContentResponse, ApiNotFoundResponse, ApiOkResponse, ApiProduces } from '@nestjs/swagger';
import { CurrentPrincipal } from '../../auth/current-principal.decorator.js';
import { Permissions } from '../../auth/permissions/permissions.decorator.js';
import type { Principal } from '../../auth/principal.js';
import { COUNT_SEGMENT } from '../../graph/count.js';
import { Call, type GraphCall } from '../../graph/graph-call.js';
import { GraphController } from '../../graph/graph-controller.decorator.js';
import { METHODS_POLICY_READ, METHODS_POLICY_WRITE } from './authentication-methods-policy.permissions.js';
import { AuthenticationMethodsPolicyService } from './authentication-methods-policy.service.js';
import { CONFIGURATION_BODY, ConfigurationCollectionDto, ConfigurationDto } from './policy-openapi.js';

/** `/policies/authenticationMethodsPolicy/authenticationMethodConfigurations` (DECISIONS §8): ids in any case. */
@GraphController('policies/authenticationMethodsPolicy/authenticationMethodConfigurations', { tag: 'authenticationMethodsPolicy' })
@ApiBadRequestResponse({ description: 'Wrong `@odata.type`, a read-only or unknown property, a value out of range.' })
export class MethodConfigurationsController {
  constructor(private readonly policy: AuthenticationMethodsPolicyService) {}

  @Get()
  @Permissions('policies.authenticationMethodsPolicy.ListAuthenticationMethodConfigurations', 'List authentication method configurations', METHODS_POLICY_READ)
  @ApiOkResponse({ type: ConfigurationCollectionDto })
  list(@CurrentPrincipal() p: Principal, @Call() call: GraphCall) {
    return this.policy.listConfigurations(p.tenantId, call);
  }

  @Get(COUNT_SEGMENT)
  @Permissions(
    'policies.authenticationMethodsPolicy.authenticationMethodConfigurations.GetCount',
    'Count authentication method configurations (text/plain)',
    METHODS_POLICY_READ,
  )
  @ApiProduces('text/plain')
  @ApiOkResponse({ description: 'How many configurations the called version lists, as plain text.', schema: { type: 'integer' } })
  count(@CurrentPrincipal() p: Principal, @Call() call: GraphCall) {
    return this.policy.countConfigurations(p.tenantId, call);
  }

  @Post()
  @Permissions(
    'policies.authenticationMethodsPolicy.CreateAuthenticationMethodConfigurations',
    'Create an external authentication method configuration',
    METHODS_POLICY_WRITE,
  )
  @ApiBody(CONFIGURATION_BODY)
  @ApiCreatedResponse({ type: ConfigurationDto, description: 'Created (external methods only); `Location` names it.' })
  create(@CurrentPrincipal() p: Principal, @Call() call: GraphCall, @Body() body: unknown) {
    return this.policy.createExternal(p.tenantId, call, body);
  }

  @Get(':id')
  @Permissions('policies.authenticationMethodsPolicy.GetAuthenticationMethodConfigurations', 'Get an authentication method configuration', METHODS_POLICY_READ)
  @ApiOkResponse({ type: ConfigurationDto })
  @ApiNotFoundResponse({ description: 'No such configuration (in this version).' })
  get(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Call() call: GraphCall) {
    return this.policy.getConfiguration(p.tenantId, id, call);
  }

  @Patch(':id')
  @HttpCode(204)
  @Permissions(
    'policies.authenticationMethodsPolicy.UpdateAuthenticationMethodConfigurations',
    'Update an authentication method configuration',
    METHODS_POLICY_WRITE,
  )
  @ApiBody(CONFIGURATION_BODY)
  @ApiNoContentResponse({ description: 'Updated.' })
  update(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Call() call: GraphCall, @Body() body: unknown): Promise<void> {
    return this.policy.updateConfiguration(p.tenantId, id, call, body);
  }

  @Delete(':id')
  @HttpCode(204)
  @Permissions(
    'policies.authenticationMethodsPolicy.DeleteAuthenticationMethodConfigurations',
    'Reset a built-in configuration to its defaults, or delete an external one',
    METHODS_POLICY_WRITE,
  )
  @ApiNoContentResponse({ description: 'A built-in configuration is back to its defaults; an external one is gone.' })
  delete(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Call() call: GraphCall): Promise<void> {
    return this.policy.deleteConfiguration(p.tenantId, id, call);
  }
}
