import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { ResourceActionBindingsCache } from '../../role-management/resource-actions/resource-action-bindings.cache.js';
import { OPERATION_ID } from '../permissions/permissions.decorator.js';
import type { Principal } from '../principal.js';
import { acrsChallenge, conditionalAccessUnsupported, handlesChallenges } from './claims-challenge.js';
import type { ProtectableActionId } from '../../role-management/resource-actions/resource-actions.data.js';
import { ACTION_OF_OPERATION } from './protected-operations.js';

/**
 * The step-up stage (DECISIONS §9), after the permission stage: a delegated call to an operation whose protected
 * action the tenant bound to an authentication context needs that context in its token's `acrs`. A client that
 * declared `cp1` gets the claims challenge (401), any other the plain 403; application tokens are not checked.
 * Operations that are not protected cost one map lookup; bindings come from a per-tenant cache (no database
 * round trip per request).
 */
@Injectable()
export class StepUpStage implements CanActivate {
  /** handler → the protected action it performs (null: none), so the hot path skips the metadata lookup. */
  private readonly actionOf = new WeakMap<object, ProtectableActionId | null>();

  constructor(
    private readonly reflector: Reflector,
    private readonly bindings: ResourceActionBindingsCache,
  ) {}

  canActivate(context: ExecutionContext): boolean | Promise<boolean> {
    const action = this.protectedAction(context.getHandler());
    if (!action) return true;
    return this.check(context, action);
  }

  private async check(context: ExecutionContext, action: ProtectableActionId): Promise<boolean> {
    const principal = context.switchToHttp().getRequest<FastifyRequest>().user as Principal | undefined;
    if (!principal || principal.kind === 'application') return true;
    const required = await this.bindings.contextFor(principal.tenantId, action);
    if (!required || principal.acrs.includes(required)) return true;
    throw handlesChallenges(principal.clientCapabilities) ? acrsChallenge(required) : conditionalAccessUnsupported();
  }

  private protectedAction(handler: object): ProtectableActionId | null {
    let action = this.actionOf.get(handler);
    if (action === undefined) {
      const operationId = this.reflector.get<string | undefined>(OPERATION_ID, handler as () => unknown);
      action = (operationId === undefined ? undefined : ACTION_OF_OPERATION.get(operationId)) ?? null;
      this.actionOf.set(handler, action);
    }
    return action;
  }
}
