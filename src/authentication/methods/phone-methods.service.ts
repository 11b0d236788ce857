import { Injectable } from '@nestjs/common';
import type { Principal } from '../../auth/principal.js';
import type { GraphCall } from '../../graph/graph-call.js';
import { GraphResult } from '../../graph/graph-result.js';
import type { UserRef } from '../../users/user-ref.js';
import { UsersService } from '../../users/users.service.js';
import { authenticationContext, authenticationUrl } from '../authentication-links.js';
import { MethodErrors } from '../authentication.errors.js';
import { AuthenticationMethodsRepository } from './authentication-methods.repository.js';
import type { CreatePhoneMethodDto, UpdatePhoneMethodDto } from './dto/phone-method.dto.js';
import type { StoredMethod } from './families/method-families.js';
import { GUID, PHONE_IDS } from './families/method-ids.js';
import { MethodRenderer } from './method-renderer.js';
import { MethodPolicy } from '../../policies/authentication-methods-policy/method-policy.js';

/**
 * Phone methods (graph-spec §2.6.6): one per type (the type's fixed id is the key), an alternate
 * mobile needs a mobile, a phone never changes type, SMS sign-in is the mobile's alone.
 * Registering a phone does not depend on the tenant's policy (DECISIONS §8); SMS sign-in does: a new or
 * changed mobile number is registered for it at once when the `Sms` configuration lets the user sign in
 * with it (as Graph does), and `enableSmsSignIn` is refused otherwise.
 */
@Injectable()
export class PhoneMethodsService {
  constructor(
    private readonly users: UsersService,
    private readonly methods: AuthenticationMethodsRepository,
    private readonly renderer: MethodRenderer,
    private readonly policy: MethodPolicy,
  ) {}

  async create(principal: Principal, ref: UserRef, call: GraphCall, dto: CreatePhoneMethodDto): Promise<GraphResult> {
    const user = await this.users.resolveTarget(principal, ref);
    const { tenantId } = principal;
    const type = dto.phoneType;
    const now = new Date();
    const signIn = type === 'mobile' && (await this.policy.smsSignInAllowed(tenantId, user.id)) ? now.toISOString() : null;
    const created = await this.methods.withUserLock(tenantId, user.id, async (q) => {
      if (type === 'alternateMobile' && !(await q.find(tenantId, user.id, PHONE_IDS.mobile, 'phone'))) {
        throw MethodErrors.badRequest('An alternate mobile phone can only be added when the user has a mobile phone.');
      }
      return q.insertIfAbsent({
        tenantId,
        userId: user.id,
        id: PHONE_IDS[type],
        kind: 'phone',
        properties: { phoneNumber: dto.phoneNumber, phoneType: type, smsSignInEnabledAt: signIn },
        createdAt: now,
      });
    });
    if (!created) throw MethodErrors.conflict(`The user already has a phone method of type '${type}'; update or delete it instead.`);
    // The caller just sent this number: no masking in the echo.
    const ctx = await this.renderer.context(principal, ref, call.version, user.id, [created], { mask: false });
    return GraphResult.created(
      { '@odata.context': authenticationContext(call, ref, '/phoneMethods/$entity'), ...this.renderer.one(created, ctx) },
      authenticationUrl(call, user.id, `/phoneMethods/${created.id}`),
    );
  }

  async update(principal: Principal, ref: UserRef, methodId: string, dto: UpdatePhoneMethodDto): Promise<GraphResult> {
    const user = await this.users.resolveTarget(principal, ref);
    const existing = await this.findPhone(principal.tenantId, user.id, methodId);
    if (dto.phoneType !== undefined && dto.phoneType !== existing.properties.phoneType) {
      throw MethodErrors.badRequest("A phone method's phoneType cannot be changed; add a phone of the new type and delete this one.");
    }
    if (dto.phoneNumber !== undefined && dto.phoneNumber !== existing.properties.phoneNumber) {
      const reRegister =
        existing.id === PHONE_IDS.mobile && (await this.policy.smsSignInAllowed(principal.tenantId, user.id))
          ? { smsSignInEnabledAt: new Date().toISOString() }
          : {};
      const updated = await this.methods.updateProperties(principal.tenantId, user.id, existing.id, 'phone', {
        phoneNumber: dto.phoneNumber,
        ...reRegister,
      });
      if (!updated) throw MethodErrors.methodNotFound(methodId);
    }
    return GraphResult.noContent();
  }

  /** enableSmsSignIn / disableSmsSignIn → 204; only the mobile phone supports SMS sign-in. */
  async setSmsSignIn(principal: Principal, ref: UserRef, methodId: string, enabled: boolean): Promise<GraphResult> {
    const user = await this.users.resolveTarget(principal, ref);
    const existing = await this.findPhone(principal.tenantId, user.id, methodId);
    if (existing.id !== PHONE_IDS.mobile) {
      throw MethodErrors.badRequest(`SMS sign-in is available only for the mobile phone, not for '${String(existing.properties.phoneType)}'.`);
    }
    if (enabled && !(await this.policy.smsSignInAllowed(principal.tenantId, user.id))) {
      throw MethodErrors.badRequest("The tenant's authentication methods policy does not allow this user to sign in with SMS.");
    }
    // Keep the first registration time: who registered a shared number first decides uniqueness.
    const current = existing.properties.smsSignInEnabledAt;
    const next = enabled ? (typeof current === 'string' ? current : new Date().toISOString()) : null;
    if (next !== (current ?? null)) {
      const updated = await this.methods.updateProperties(principal.tenantId, user.id, existing.id, 'phone', { smsSignInEnabledAt: next });
      if (!updated) throw MethodErrors.methodNotFound(methodId);
    }
    return GraphResult.noContent();
  }

  private async findPhone(tenantId: string, userId: string, methodId: string): Promise<StoredMethod> {
    const isPhoneId = GUID.test(methodId) && (Object.values(PHONE_IDS) as string[]).includes(methodId.toLowerCase());
    const found = isPhoneId ? await this.methods.find(tenantId, userId, methodId.toLowerCase(), 'phone') : undefined;
    if (!found) throw MethodErrors.methodNotFound(methodId);
    return found;
  }
}
