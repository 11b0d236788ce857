import { randomInt, randomUUID } from 'node:crypto';
import { hashTemporaryAccessPass } from '../../identity-platform/second-factor/tap-hash.js';
import { Injectable } from '@nestjs/common';
import type { Principal } from '../../auth/principal.js';
import type { GraphCall } from '../../graph/graph-call.js';
import { GraphResult } from '../../graph/graph-result.js';
import type { UserRef } from '../../users/user-ref.js';
import { UsersService } from '../../users/users.service.js';
import { authenticationContext, authenticationUrl } from '../authentication-links.js';
import { MethodErrors } from '../authentication.errors.js';
import { AuthenticationMethodsRepository } from './authentication-methods.repository.js';
import type { CreateTemporaryAccessPassDto } from './dto/temporary-access-pass.dto.js';
import { familyOf } from './families/method-families.js';
import { MethodRenderer } from './method-renderer.js';
import { MethodPolicy } from '../../policies/authentication-methods-policy/method-policy.js';

const TAP = familyOf('temporaryAccessPass');

/** Letters, digits and a few symbols, without look-alikes (0/O, 1/l/I): passes are read aloud. */
const PASS_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789+-=#%&@!?';

export function generatePass(length: number): string {
  let pass = '';
  for (let i = 0; i < length; i++) pass += PASS_ALPHABET[randomInt(PASS_ALPHABET.length)];
  return pass;
}

/** `2022-06-05T00:00:00Z` as Graph writes whole seconds. */
const toGraphDateTime = (d: Date) => d.toISOString().replace('.000Z', 'Z');

/**
 * Temporary Access Pass (graph-spec §2.6.8): one per user (a new pass replaces the old, still 201), as
 * the tenant's TemporaryAccessPass configuration allows (DECISIONS §8: enabled and targeting the user,
 * lifetime within its bounds, one-time use when it says so, its length), the pass shown only in the
 * create response and never stored (this service has no sign-in to check it against).
 */
@Injectable()
export class TemporaryAccessPassService {
  constructor(
    private readonly users: UsersService,
    private readonly methods: AuthenticationMethodsRepository,
    private readonly policy: MethodPolicy,
    private readonly renderer: MethodRenderer,
  ) {}

  async create(principal: Principal, ref: UserRef, call: GraphCall, dto: CreateTemporaryAccessPassDto): Promise<GraphResult> {
    const user = await this.users.resolveTarget(principal, ref);
    const policy = await this.policy.tapRules(principal.tenantId, user.id);
    if (!policy.allowed) throw MethodErrors.notAllowedByPolicy('TemporaryAccessPass');
    const lifetime = dto.lifetimeInMinutes ?? policy.defaultLifetimeInMinutes;
    if (lifetime < policy.minimumLifetimeInMinutes || lifetime > policy.maximumLifetimeInMinutes) {
      throw MethodErrors.badRequest(
        `Invalid LifetimeInMinutes specified. The valid range between ${policy.minimumLifetimeInMinutes} and ${policy.maximumLifetimeInMinutes}.`,
        { echoInInnerError: true },
      );
    }
    if (policy.isUsableOnce && dto.isUsableOnce === false) {
      throw MethodErrors.badRequest("The tenant's Temporary Access Pass policy allows one-time passes only; isUsableOnce must be true.");
    }
    const now = new Date();
    const pass = generatePass(policy.defaultLength);
    const stored = await this.methods.replaceTemporaryAccessPass({
      tenantId: principal.tenantId,
      userId: user.id,
      id: randomUUID(),
      kind: 'temporaryAccessPass',
      properties: {
        startDateTime: toGraphDateTime(dto.startDateTime ? new Date(dto.startDateTime) : now),
        lifetimeInMinutes: lifetime,
        isUsableOnce: dto.isUsableOnce ?? policy.isUsableOnce,
        // Only its salted hash, for sign-in (identity-platform/second-factor); never rendered.
        passHash: hashTemporaryAccessPass(pass),
      },
      createdAt: now,
    });
    const ctx = await this.renderer.context(principal, ref, call.version, user.id, [stored]);
    return GraphResult.created(
      {
        '@odata.context': authenticationContext(call, ref, '/temporaryAccessPassMethods/$entity'),
        '@odata.type': TAP.odataType,
        ...this.renderer.one(stored, ctx),
        temporaryAccessPass: pass,
      },
      authenticationUrl(call, user.id, `/temporaryAccessPassMethods/${stored.id}`),
    );
  }
}
