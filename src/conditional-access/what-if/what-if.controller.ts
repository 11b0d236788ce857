import { Body, HttpCode, Post } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBody, ApiOkResponse } from '@nestjs/swagger';
import { CurrentPrincipal } from '../../auth/current-principal.decorator.js';
import { Permissions } from '../../auth/permissions/permissions.decorator.js';
import type { Principal } from '../../auth/principal.js';
import { Call, type GraphCall } from '../../graph/graph-call.js';
import { GraphController } from '../../graph/graph-controller.decorator.js';
import { CA_READ } from '../ca-root.permissions.js';
import { PolicyCall } from '../policies/policy-call.decorator.js';
import type { PolicyCallOptions } from '../policies/policies.service.js';
import { WhatIfService } from './what-if.service.js';

const BODY = {
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['signInIdentity', 'signInContext', 'signInConditions'],
    properties: {
      signInIdentity: { type: 'object', description: '#microsoft.graph.userSignIn {userId} or #microsoft.graph.servicePrincipalSignIn.' },
      signInContext: {
        type: 'object',
        description: '#microsoft.graph.applicationContext {includeApplications} or #microsoft.graph.authContext {authenticationContextValue}.',
      },
      signInConditions: {
        type: 'object',
        description: 'signInConditions: clientAppType, devicePlatform, ipAddress, country, risk levels, authenticationFlow.',
      },
      appliedPoliciesOnly: { type: 'boolean' },
    },
  },
};

/** Beta `POST /identity/conditionalAccess/evaluate` (What If, issue #14): the sign-in evaluator, read-only. */
@GraphController('identity/conditionalAccess/evaluate', { tag: 'conditionalAccess', versions: ['beta'] })
export class WhatIfController {
  constructor(private readonly whatIf: WhatIfService) {}

  @Post()
  @HttpCode(200)
  @Permissions('identity.conditionalAccess.evaluate', 'Invoke action evaluate (What If)', CA_READ)
  @ApiBody(BODY)
  @ApiOkResponse({ description: 'A collection of whatIfAnalysisResult: each policy plus policyApplies and analysisReasons.' })
  @ApiBadRequestResponse({ description: 'A missing, mistyped or unknown part of the body (BadRequest).' })
  evaluate(@CurrentPrincipal() p: Principal, @Body() body: unknown, @Call() call: GraphCall, @PolicyCall() options: PolicyCallOptions) {
    return this.whatIf.evaluate(p.tenantId, body, call, options);
  }
}
