import { Body, Get, Patch } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBody, ApiOkResponse } from '@nestjs/swagger';
import { CurrentPrincipal } from '../../auth/current-principal.decorator.js';
import { Permissions } from '../../auth/permissions/permissions.decorator.js';
import type { Principal } from '../../auth/principal.js';
import { Call, type GraphCall } from '../../graph/graph-call.js';
import { GraphController } from '../../graph/graph-controller.decorator.js';
import { METHODS_POLICY_READ, METHODS_POLICY_WRITE } from './authentication-methods-policy.permissions.js';
import { AuthenticationMethodsPolicyService } from './authentication-methods-policy.service.js';
import { POLICY_BODY, PolicyDto } from './policy-openapi.js';

/** `/policies/authenticationMethodsPolicy` (DECISIONS §8); other methods are 405. */
@GraphController('policies/authenticationMethodsPolicy', { tag: 'authenticationMethodsPolicy' })
export class AuthenticationMethodsPolicyController {
  constructor(private readonly policy: AuthenticationMethodsPolicyService) {}

  @Get()
  @Permissions('policies.GetAuthenticationMethodsPolicy', 'Get the authentication methods policy (configurations inline)', METHODS_POLICY_READ)
  @ApiOkResponse({ type: PolicyDto })
  get(@CurrentPrincipal() p: Principal, @Call() call: GraphCall) {
    return this.policy.getPolicy(p.tenantId, call);
  }

  @Patch()
  @Permissions('policies.UpdateAuthenticationMethodsPolicy', 'Update the authentication methods policy (200 with the whole policy)', METHODS_POLICY_WRITE)
  @ApiBody(POLICY_BODY)
  @ApiOkResponse({ type: PolicyDto, description: 'Updated; the whole policy, as Graph answers this PATCH.' })
  @ApiBadRequestResponse({ description: 'A read-only or unknown property, or a value out of range.' })
  update(@CurrentPrincipal() p: Principal, @Call() call: GraphCall, @Body() body: unknown) {
    return this.policy.updatePolicy(p.tenantId, call, body);
  }
}
