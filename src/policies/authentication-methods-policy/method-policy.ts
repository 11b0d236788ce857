import { Injectable } from '@nestjs/common';
import { AuthenticationMethodsPolicyService } from './authentication-methods-policy.service.js';
import { appliesTo, configuration } from './policy-snapshot.js';

/** What TAP creation needs from the TemporaryAccessPass configuration (graph-spec-ca-root §6.4). */
export interface TapRules {
  /** Enabled, and the user targeted and not excluded. */
  readonly allowed: boolean;
  readonly defaultLifetimeInMinutes: number;
  readonly minimumLifetimeInMinutes: number;
  readonly maximumLifetimeInMinutes: number;
  readonly defaultLength: number;
  readonly isUsableOnce: boolean;
}

/** The questions the methods APIs ask of the tenant's policy (DECISIONS §8), answered from the cache. */
@Injectable()
export class MethodPolicy {
  constructor(private readonly policy: AuthenticationMethodsPolicyService) {}

  async tapRules(tenantId: string, userId: string): Promise<TapRules> {
    const tap = configuration(await this.policy.snapshot(tenantId), 'temporaryaccesspass');
    const d = tap.document;
    return {
      allowed: appliesTo(tap, userId),
      defaultLifetimeInMinutes: Number(d.defaultLifetimeInMinutes),
      minimumLifetimeInMinutes: Number(d.minimumLifetimeInMinutes),
      maximumLifetimeInMinutes: Number(d.maximumLifetimeInMinutes),
      defaultLength: Number(d.defaultLength),
      isUsableOnce: d.isUsableOnce === true,
    };
  }

  /** `Sms` enabled, and the user in a target with `isUsableForSignIn: true` and not excluded. */
  async smsSignInAllowed(tenantId: string, userId: string): Promise<boolean> {
    const sms = configuration(await this.policy.snapshot(tenantId), 'sms');
    return appliesTo(sms, userId, (t) => t.isUsableForSignIn === true);
  }
}
