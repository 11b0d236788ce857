import { Injectable } from '@nestjs/common';
import type { Principal } from '../auth/principal.js';
import { GraphErrors } from '../graph/errors/graph.exception.js';
import type { UserEntity } from './user.entity.js';
import type { UserRef } from './user-ref.js';
import { UsersRepository } from './users.repository.js';

@Injectable()
export class UsersService {
  constructor(private readonly users: UsersRepository) {}

  /**
   * The user a `/me` or `/users/{key}` route acts on, in the caller's tenant. `/me` provisions the
   * signed-in user from the token on first use (DECISIONS §5); an unknown `/users/{key}` is 404,
   * also when the key names a user of another tenant.
   */
  async resolveTarget(principal: Principal, ref: UserRef): Promise<UserEntity> {
    if (ref.isMe) return this.ensureSignedInUser(principal);
    const user = await this.users.findByKey(principal.tenantId, ref.key);
    if (user) return user;
    if (ref.isSelf) return this.ensureSignedInUser(principal);
    throw GraphErrors.resourceNotFound(ref.key);
  }

  async ensureSignedInUser(principal: Principal): Promise<UserEntity> {
    const existing = await this.users.findByKey(principal.tenantId, principal.objectId);
    if (existing) return existing;
    const upn = principal.userPrincipalName ?? `${principal.objectId}@${principal.tenantId}.invalid`;
    const created = await this.users.insertIfAbsent({
      tenantId: principal.tenantId,
      id: principal.objectId.toLowerCase(),
      userPrincipalName: upn,
      displayName: principal.displayName ?? null,
      mail: null,
      mailNickname: upn.split('@')[0].slice(0, 64),
      accountEnabled: true,
    });
    if (!created) {
      throw GraphErrors.conflict(
        `Another user in this tenant already has userPrincipalName '${upn}'; the signed-in user cannot be provisioned.`,
      );
    }
    return created;
  }
}
