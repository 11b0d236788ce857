import { Injectable } from '@nestjs/common';
import type { Principal } from '../../auth/principal.js';
import { collectionBody, entityBody } from '../../graph/collection/collection-body.js';
import type { GraphCall } from '../../graph/graph-call.js';
import { countResult, parseCountQuery } from '../../graph/count.js';
import { GraphResult } from '../../graph/graph-result.js';
import { parseODataQuery, type ODataResourceSpec } from '../../graph/odata/index.js';
import type { UserRef } from '../../users/user-ref.js';
import { UsersService } from '../../users/users.service.js';
import { authenticationPath } from '../authentication-links.js';
import { MethodErrors } from '../authentication.errors.js';
import { AuthenticationMethodsRepository } from './authentication-methods.repository.js';
import { AuthenticationRepository } from '../authentication-object/authentication.repository.js';
import { IMPLICIT_PASSWORD, METHOD_FAMILIES, type MethodFamily, type StoredMethod } from './families/method-families.js';
import { GUID, PASSWORD_METHOD_ID, PHONE_IDS } from './families/method-ids.js';
import { MethodRenderer } from './method-renderer.js';

/** signInPreferences.userPreferredMethodForSecondaryAuthentication values that name a phone. */
const DEFAULT_METHOD_PHONE: Record<string, string> = {
  sms: PHONE_IDS.mobile,
  voiceMobile: PHONE_IDS.mobile,
  voiceAlternateMobile: PHONE_IDS.alternateMobile,
  voiceOffice: PHONE_IDS.office,
};

/** `$select` only: these collections are small (a handful per user) and Graph pages none of them. */
function selectSpec(resource: string, properties: readonly string[]): ODataResourceSpec {
  return {
    resource,
    key: 'id',
    properties: Object.fromEntries(properties.map((p) => [p, { column: p, type: 'string' as const }])),
    options: { select: true },
  };
}

/** beta's base type adds `lastUsedDateTime` to every family (renderMethod). */
const POLYMORPHIC_SPEC = selectSpec('authenticationMethod', [...new Set([...METHOD_FAMILIES.flatMap((f) => f.properties), 'lastUsedDateTime'])]);
const FAMILY_SPECS = new Map(
  METHOD_FAMILIES.map((f) => [f.kind, selectSpec(f.odataType.slice('#microsoft.graph.'.length), [...f.properties, 'lastUsedDateTime'])]),
);

/** `users('…')/authentication/phoneMethods`, or `…/methods` for the polymorphic collection. */
function methodsPath(ref: UserRef, family: MethodFamily | null): string {
  return `${authenticationPath(ref)}/${family?.segment ?? 'methods'}`;
}

/**
 * Reads and deletes for every family, and the polymorphic `methods` collection. Writes with
 * family rules live in the family services (phone, email, TAP).
 */
@Injectable()
export class MethodsService {
  constructor(
    private readonly users: UsersService,
    private readonly methods: AuthenticationMethodsRepository,
    private readonly renderer: MethodRenderer,
    private readonly authentication: AuthenticationRepository,
  ) {}

  /** `GET {u}/authentication/{family}` or, with `family` null, `GET {u}/authentication/methods`. */
  async list(principal: Principal, ref: UserRef, call: GraphCall, family: MethodFamily | null) {
    const query = parseODataQuery(call.query, family ? FAMILY_SPECS.get(family.kind)! : POLYMORPHIC_SPEC);
    const user = await this.users.resolveTarget(principal, ref);
    const rows = await this.methods.list(principal.tenantId, user.id, family?.kind);
    const all = this.withImplicitPassword(rows, family);
    const ctx = await this.renderer.context(principal, ref, call.version, user.id, all);
    const render = (m: StoredMethod) => (family ? this.renderer.one(m, ctx) : this.renderer.polymorphic(m, ctx));
    return collectionBody(call, { context: methodsPath(ref, family), query, rows: all, render });
  }

  /** `GET {u}/authentication/{family}/$count` or `.../methods/$count`: what the list would hold. */
  async count(principal: Principal, ref: UserRef, call: GraphCall, family: MethodFamily | null): Promise<GraphResult<string>> {
    parseCountQuery(call.query, family ? FAMILY_SPECS.get(family.kind)! : POLYMORPHIC_SPEC);
    const user = await this.users.resolveTarget(principal, ref);
    const rows = await this.methods.list(principal.tenantId, user.id, family?.kind);
    return countResult(this.withImplicitPassword(rows, family).length);
  }

  /** `GET {u}/authentication/{family}/{id}` or `GET {u}/authentication/methods/{id}`. */
  async get(principal: Principal, ref: UserRef, call: GraphCall, family: MethodFamily | null, methodId: string) {
    const query = parseODataQuery(call.query, family ? FAMILY_SPECS.get(family.kind)! : POLYMORPHIC_SPEC);
    const user = await this.users.resolveTarget(principal, ref);
    const method = await this.findOrThrow(principal.tenantId, user.id, family, methodId);
    const ctx = await this.renderer.context(principal, ref, call.version, user.id, [method]);
    const body = family ? this.renderer.one(method, ctx) : this.renderer.polymorphic(method, ctx);
    return entityBody(call, methodsPath(ref, family), body, query.select);
  }

  /** `DELETE {u}/authentication/{family}/{id}` → 204. */
  async delete(principal: Principal, ref: UserRef, family: MethodFamily, methodId: string): Promise<GraphResult> {
    const user = await this.users.resolveTarget(principal, ref);
    if (!GUID.test(methodId)) throw MethodErrors.methodNotFound(methodId);
    const id = methodId.toLowerCase();
    if (family.kind === 'phone') await this.assertNotDefaultMethod(principal.tenantId, user.id, id);
    const deleted =
      family.kind === 'phone' && id === PHONE_IDS.mobile
        ? await this.deleteMobile(principal.tenantId, user.id)
        : await this.methods.delete(principal.tenantId, user.id, id, family.kind);
    if (!deleted) throw MethodErrors.methodNotFound(methodId);
    return GraphResult.noContent();
  }

  /** A phone that is the user's default second factor cannot be deleted (graph-spec §2.6.6). */
  private async assertNotDefaultMethod(tenantId: string, userId: string, phoneId: string): Promise<void> {
    const preferred = (await this.authentication.find(tenantId, userId))?.userPreferredMethod;
    if (preferred && DEFAULT_METHOD_PHONE[preferred] === phoneId && (await this.methods.find(tenantId, userId, phoneId, 'phone'))) {
      throw MethodErrors.badRequest(
        `This phone is the user's default sign-in method ('${preferred}'); change userPreferredMethodForSecondaryAuthentication first.`,
      );
    }
  }

  /** The mobile stays while an alternate mobile exists (graph-spec §2.6.6); under the user's lock. */
  private deleteMobile(tenantId: string, userId: string): Promise<boolean> {
    return this.methods.withUserLock(tenantId, userId, async (q) => {
      if (await q.find(tenantId, userId, PHONE_IDS.alternateMobile, 'phone')) {
        throw MethodErrors.badRequest(
          'The mobile phone cannot be deleted while an alternate mobile phone exists; update the mobile number or delete the alternate mobile first.',
        );
      }
      return q.delete(tenantId, userId, PHONE_IDS.mobile, 'phone');
    });
  }

  /** A method of the user, by id; the password method always exists. Unknown ids are 404. */
  async findOrThrow(tenantId: string, userId: string, family: MethodFamily | null, methodId: string): Promise<StoredMethod> {
    if (!GUID.test(methodId)) throw MethodErrors.methodNotFound(methodId);
    const id = methodId.toLowerCase();
    const found = await this.methods.find(tenantId, userId, id, family?.kind);
    if (found) return found;
    if (id === PASSWORD_METHOD_ID && (!family || family.kind === 'password')) return IMPLICIT_PASSWORD;
    throw MethodErrors.methodNotFound(methodId);
  }

  /** Every user has the password method (id 28c10230-…), listed first as Graph does. */
  private withImplicitPassword(rows: StoredMethod[], family: MethodFamily | null): StoredMethod[] {
    if (family && family.kind !== 'password') return rows;
    const password = rows.find((m) => m.kind === 'password') ?? IMPLICIT_PASSWORD;
    return [password, ...rows.filter((m) => m.kind !== 'password')];
  }
}
