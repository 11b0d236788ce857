import { Injectable } from '@nestjs/common';
import { DIRECTORY_ROLES } from '../../auth/directory-roles.js';
import type { Principal } from '../../auth/principal.js';
import type { GraphVersion } from '../../graph/http/base-url.js';
import type { UserRef } from '../../users/user-ref.js';
import { MethodPolicy } from '../../policies/authentication-methods-policy/method-policy.js';
import { AuthenticationMethodsRepository } from './authentication-methods.repository.js';
import { renderMethod, renderPolymorphic, type RenderContext, type StoredMethod } from './families/method-families.js';
import { PHONE_IDS } from './families/method-ids.js';

const UNMASKED_ROLES = [DIRECTORY_ROLES['Global Administrator'], DIRECTORY_ROLES['Global Reader'], DIRECTORY_ROLES['Privileged Authentication Administrator']];

/**
 * Only an Authentication Administrator reading someone else (without a privileged or reader role)
 * gets masked numbers (graph-spec §2.4); applications and the user themself see them in full.
 */
export function masksPhonesFor(principal: Principal, ref: UserRef): boolean {
  if (principal.kind !== 'delegated' || ref.isSelf) return false;
  const roles = principal.directoryRoles;
  return roles.has(DIRECTORY_ROLES['Authentication Administrator']) && !UNMASKED_ROLES.some((r) => roles.has(r));
}

/** Renders stored methods as Graph JSON: masking, SMS sign-in state and the clock, in one place. */
@Injectable()
export class MethodRenderer {
  constructor(
    private readonly methods: AuthenticationMethodsRepository,
    private readonly policy: MethodPolicy,
  ) {}

  async context(
    principal: Principal,
    ref: UserRef,
    version: GraphVersion,
    userId: string,
    methods: readonly StoredMethod[],
    options: { mask?: boolean } = {},
  ): Promise<RenderContext> {
    const mobile = methods.find((m) => m.kind === 'phone' && m.id === PHONE_IDS.mobile);
    const enabledAt = mobile?.properties.smsSignInEnabledAt;
    const smsNumberTaken =
      typeof enabledAt === 'string'
        ? await this.methods.smsNumberTakenBefore(principal.tenantId, userId, String(mobile!.properties.phoneNumber), enabledAt)
        : false;
    // The policy is asked only when a rendered method depends on it (a cached read when it is).
    const smsSignInAllowed = mobile ? await this.policy.smsSignInAllowed(principal.tenantId, userId) : true;
    const tapAllowed = methods.some((m) => m.kind === 'temporaryAccessPass') ? (await this.policy.tapRules(principal.tenantId, userId)).allowed : true;
    return { version, now: new Date(), maskPhones: options.mask ?? masksPhonesFor(principal, ref), smsNumberTaken, smsSignInAllowed, tapAllowed };
  }

  one(method: StoredMethod, ctx: RenderContext): Record<string, unknown> {
    return renderMethod(method, ctx);
  }

  polymorphic(method: StoredMethod, ctx: RenderContext): Record<string, unknown> {
    return renderPolymorphic(method, ctx);
  }
}
