import { Injectable } from '@nestjs/common';
import { createHash, randomBytes, randomInt } from 'node:crypto';
import { AuthenticationMethodsRepository } from '../../authentication/methods/authentication-methods.repository.js';
import { tapUsability, type StoredMethod } from '../../authentication/methods/families/method-families.js';
import { PHONE_IDS } from '../../authentication/methods/families/method-ids.js';
import { maskPhoneNumber } from '../../authentication/methods/families/phone-mask.js';
import { AuthenticationMethodsPolicyService } from '../../policies/authentication-methods-policy/authentication-methods-policy.service.js';
import { MethodPolicy } from '../../policies/authentication-methods-policy/method-policy.js';
import { appliesTo, configuration } from '../../policies/authentication-methods-policy/policy-snapshot.js';
import { StsErrors } from '../errors/sts-error.js';
import { Outbox } from '../outbox/outbox.service.js';
import { OneTimeCodesRepository } from './one-time-codes.repository.js';
import { temporaryAccessPassMatches } from './tap-hash.js';

/** A one-time code lives 10 minutes and allows 3 attempts. */
export const CODE_LIFETIME_MINUTES = 10;
export const CODE_ATTEMPTS = 3;

export type SecondFactorKind = 'temporaryAccessPass' | 'sms' | 'email';

/** A registered method the user may use as a second factor now. */
export interface SecondFactorMethod {
  /** The authentication method's id (TAP: its GUID; SMS: the mobile phone's fixed id; email: the email method's id). */
  readonly id: string;
  readonly kind: SecondFactorKind;
  /** What the sign-in page may show: a masked phone number or address; null for a TAP. */
  readonly display: string | null;
}

/** A second factor passed. */
export interface SecondFactorResult {
  readonly kind: SecondFactorKind;
  readonly methodId: string;
  /** What this factor adds to the token's `amr` (the password's `pwd` is the caller's). */
  readonly amr: readonly string[];
  /** Authentication-strength combinations satisfied (with the password already checked, for SMS). */
  readonly combinations: readonly string[];
  /** Whether it makes the sign-in multifactor (a CA `mfa` grant control). */
  readonly multiFactor: boolean;
  /** The sign-in log's `authenticationMethod` (beta `authenticationDetails`): `Temporary Access Pass`, `Text message`, `Email`. */
  readonly authenticationMethod: string;
}

const sha256 = (salt: string, code: string) => createHash('sha256').update(salt).update(code, 'utf8').digest('hex');

const maskAddress = (address: string) => {
  const [local, domain] = address.split('@');
  return `${local.slice(0, 2)}${'*'.repeat(Math.max(1, local.length - 2))}@${domain ?? ''}`;
};

/**
 * Second factors for the sign-in page (issue #14, DECISIONS §10): the user's own registered methods the tenant's
 * authentication methods policy allows, one-time codes through the development outbox, and TAP checks. Every refusal is
 * an `StsError` (AADSTS500121, "Authentication failed during strong authentication request.").
 */
@Injectable()
export class SecondFactor {
  constructor(
    private readonly methods: AuthenticationMethodsRepository,
    private readonly policy: MethodPolicy,
    private readonly policies: AuthenticationMethodsPolicyService,
    private readonly codes: OneTimeCodesRepository,
    private readonly outbox: Outbox,
  ) {}

  /** The user's methods usable as a second factor now, in this order: TAP, SMS (mobile phone), email. */
  async methodsFor(tenantId: string, userId: string, now = new Date()): Promise<SecondFactorMethod[]> {
    const all = await this.methods.list(tenantId, userId.toLowerCase());
    const snapshot = await this.policies.snapshot(tenantId);
    const out: SecondFactorMethod[] = [];
    const tapAllowed = (await this.policy.tapRules(tenantId, userId.toLowerCase())).allowed;
    for (const m of all.filter((x) => x.kind === 'temporaryAccessPass')) {
      if (tapUsableNow(m, now, tapAllowed)) out.push({ id: m.id, kind: 'temporaryAccessPass', display: null });
    }
    if (appliesTo(configuration(snapshot, 'sms'), userId)) {
      const mobile = all.find((x) => x.kind === 'phone' && x.id === PHONE_IDS.mobile);
      if (mobile) out.push({ id: mobile.id, kind: 'sms', display: maskPhoneNumber(String(mobile.properties.phoneNumber)) });
    }
    if (appliesTo(configuration(snapshot, 'email'), userId)) {
      const email = all.find((x) => x.kind === 'email');
      if (email) out.push({ id: email.id, kind: 'email', display: maskAddress(String(email.properties.emailAddress)) });
    }
    return out;
  }

  /**
   * Sends a 6-digit code to an SMS or email method (the development outbox receives it); a new code replaces the
   * method's pending one. Answers where it went and until when it is good.
   */
  async sendCode(
    tenantId: string,
    userId: string,
    methodId: string,
  ): Promise<{ methodId: string; channel: 'sms' | 'email'; to: string; expiresDateTime: string }> {
    const uid = userId.toLowerCase();
    const method = (await this.methodsFor(tenantId, uid)).find((m) => m.id === methodId.toLowerCase());
    if (!method || method.kind === 'temporaryAccessPass') throw StsErrors.strongAuthenticationFailed();
    const stored = await this.methods.find(tenantId, uid, method.id);
    if (!stored) throw StsErrors.strongAuthenticationFailed();
    const to = String(method.kind === 'sms' ? stored.properties.phoneNumber : stored.properties.emailAddress);
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    const salt = randomBytes(16).toString('hex');
    const expiresAt = new Date(Date.now() + CODE_LIFETIME_MINUTES * 60_000);
    await this.codes.put(tenantId, uid, method.id, salt, sha256(salt, code), expiresAt, CODE_ATTEMPTS);
    await this.outbox.send(tenantId, to, method.kind, `Use verification code ${code} for Microsoft authentication.`, code);
    return { methodId: method.id, channel: method.kind, to, expiresDateTime: expiresAt.toISOString() };
  }

  /**
   * Checks a code sent by `sendCode` (`methodId` of the SMS or email method) or a Temporary Access Pass (`'tap'` or
   * the TAP method's id). A right code is used up; a one-time TAP is consumed; a wrong code spends one of 3 attempts.
   */
  async verify(tenantId: string, userId: string, methodId: string, code: string): Promise<SecondFactorResult> {
    const uid = userId.toLowerCase();
    const usable = await this.methodsFor(tenantId, uid);
    const wanted = methodId.toLowerCase();
    const method = wanted === 'tap' ? usable.find((m) => m.kind === 'temporaryAccessPass') : usable.find((m) => m.id === wanted);
    if (!method || typeof code !== 'string' || code.length === 0 || code.length > 256) throw StsErrors.strongAuthenticationFailed();
    if (method.kind === 'temporaryAccessPass') return this.verifyTap(tenantId, uid, method.id, code);

    const pending = await this.codes.find(tenantId, uid, method.id);
    if (!pending || new Date(pending.expiresAt) <= new Date()) throw StsErrors.strongAuthenticationFailed();
    const candidate = sha256(pending.salt, code.trim());
    if (candidate !== pending.codeHash || !(await this.codes.consume(tenantId, uid, method.id, candidate))) {
      await this.codes.spendAttempt(tenantId, uid, method.id);
      throw StsErrors.strongAuthenticationFailed();
    }
    return method.kind === 'sms'
      ? { kind: 'sms', methodId: method.id, amr: ['sms', 'mfa'], combinations: ['password,sms'], multiFactor: true, authenticationMethod: 'Text message' }
      : { kind: 'email', methodId: method.id, amr: ['otp'], combinations: ['email'], multiFactor: false, authenticationMethod: 'Email' };
  }

  private async verifyTap(tenantId: string, userId: string, methodId: string, pass: string): Promise<SecondFactorResult> {
    const stored = await this.methods.find(tenantId, userId, methodId, 'temporaryAccessPass');
    if (!stored || !temporaryAccessPassMatches(stored.properties.passHash, pass.trim())) throw StsErrors.strongAuthenticationFailed();
    const once = stored.properties.isUsableOnce === true;
    if (once && !(await this.codes.useTemporaryAccessPassOnce(tenantId, userId, methodId, new Date().toISOString()))) {
      throw StsErrors.strongAuthenticationFailed();
    }
    return {
      kind: 'temporaryAccessPass',
      methodId,
      amr: ['mfa'],
      combinations: [once ? 'temporaryAccessPassOneTime' : 'temporaryAccessPassMultiUse'],
      multiFactor: true,
      authenticationMethod: 'Temporary Access Pass',
    };
  }
}

/** Usable by the policy and the clock, and a one-time pass not used yet. */
function tapUsableNow(m: StoredMethod, now: Date, allowed: boolean): boolean {
  if (m.properties.isUsableOnce === true && m.properties.usedDateTime) return false;
  return tapUsability(String(m.properties.startDateTime), Number(m.properties.lifetimeInMinutes), now, allowed).isUsable;
}
