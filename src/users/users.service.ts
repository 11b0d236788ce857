import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Principal } from '../auth/principal.js';
import { GraphErrors } from '../graph/errors/graph.exception.js';
import { collectionBody, entityBody } from '../graph/collection/collection-body.js';
import { metadataContext, type GraphCall } from '../graph/graph-call.js';
import { SessionRevocationsRepository } from '../auth/sessions/session-revocations.repository.js';
import { SessionStateCache } from '../auth/sessions/session-state.cache.js';
import type { EntityManager } from 'typeorm';
import { GraphResult } from '../graph/graph-result.js';
import { countResult, parseCountQuery, requireEventualForRawCount } from '../graph/count.js';
import { parseODataQuery, type FilterNode } from '../graph/odata/index.js';
import type { GetByIdsDto } from './dto/get-by-ids.dto.js';
import type { ValidatePropertiesDto } from './dto/validate-properties.dto.js';
import type { CreateUserDto, UpdateUserDto } from './dto/user.dto.js';
import { toGraph, USER_ODATA_TYPE } from './user-representation.js';
import { assertSelfServiceUpdate } from './user-self-service.js';
import type { UserEntity } from './user.entity.js';
import type { UserRef } from './user-ref.js';
import { selects, USERS_ODATA } from './users.odata.js';
import { UsersRepository, type UserRow } from './users.repository.js';
import { hashPassword, verifyPassword } from './password-hash.js';
import { GUID_PATTERN as GUID } from '../graph/odata/literals.js';

/** The outcome of `checkPassword`: nothing about the user unless the password matched. */
export type PasswordCheck = { valid: false } | { valid: true; userId: string; accountEnabled: boolean; forceChangePasswordNextSignIn: boolean };

const DUPLICATE_UPN = 'Another object with the same value for property userPrincipalName already exists.';

@Injectable()
export class UsersService {
  constructor(
    private readonly users: UsersRepository,
    private readonly sessions: SessionRevocationsRepository,
    private readonly sessionStates: SessionStateCache,
  ) {}

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
      throw GraphErrors.conflict(`Another user in this tenant already has userPrincipalName '${upn}'; the signed-in user cannot be provisioned.`);
    }
    return created;
  }

  async list(principal: Principal, call: GraphCall, consistencyLevel: string | undefined) {
    const query = parseODataQuery(call.query, USERS_ODATA);
    requireAdvancedQueryHeaders(query.count, query.filter, consistencyLevel);
    const { rows, count } = await this.users.list(principal.tenantId, query);
    // The `$skiptoken` keyset values are read off the rendered last row (Graph names).
    return collectionBody(call, { context: 'users', query, paging: USERS_ODATA, rows, render: (u) => toGraph(u, query.select), count });
  }

  async get(principal: Principal, ref: UserRef, call: GraphCall) {
    const query = parseODataQuery(call.query, { ...USERS_ODATA, options: { select: true } });
    let user: UserRow = await this.resolveTarget(principal, ref);
    if (selects(query.select, 'signInSessionsValidFromDateTime')) {
      const validFrom = await this.users.signInSessionsValidFrom(principal.tenantId, user.id);
      if (!validFrom) throw GraphErrors.resourceNotFound(ref.key); // deleted since resolveTarget
      user = { ...user, signInSessionsValidFrom: validFrom };
    }
    return entityBody(call, 'users', toGraph(user, query.select), query.select);
  }

  /** `id`: the seed file's given object id (src/seed/); Graph's route always generates one. */
  async create(principal: Principal, dto: CreateUserDto, call: GraphCall, id?: string): Promise<GraphResult> {
    const userId = id?.toLowerCase() ?? randomUUID();
    // DECISIONS §9: a disabled user's tokens are refused, whether it was disabled later or created so.
    const sessions =
      dto.accountEnabled === false ? async (m: EntityManager) => void (await this.sessions.revoke(m, principal.tenantId, userId, true)) : undefined;
    const result = await this.users.insert(
      {
        tenantId: principal.tenantId,
        id: userId,
        accountEnabled: dto.accountEnabled,
        displayName: dto.displayName,
        mailNickname: dto.mailNickname,
        userPrincipalName: dto.userPrincipalName,
        givenName: dto.givenName ?? null,
        surname: dto.surname ?? null,
        mail: dto.mail ?? null,
        businessPhones: dto.businessPhones ?? [],
        jobTitle: dto.jobTitle ?? null,
        mobilePhone: dto.mobilePhone ?? null,
        officeLocation: dto.officeLocation ?? null,
        preferredLanguage: dto.preferredLanguage ?? null,
        passwordHash: await hashPassword(dto.passwordProfile.password),
        passwordChangedAt: new Date(),
        forceChangePassword: dto.passwordProfile.forceChangePasswordNextSignIn ?? true,
      },
      sessions,
    );
    if (result === 'duplicate') throw GraphErrors.invalidProperty(DUPLICATE_UPN);
    if (sessions) this.sessionStates.forgetUser(principal.tenantId, userId);
    return GraphResult.created(entityBody(call, 'users', toGraph(result)), `${call.baseUrl}/users/${result.id}`);
  }

  async update(principal: Principal, ref: UserRef, dto: UpdateUserDto): Promise<GraphResult> {
    if (ref.isSelf) assertSelfServiceUpdate(principal, dto);
    const user = await this.resolveTarget(principal, ref);
    const { passwordProfile, ...profile } = dto;
    const changes: Partial<UserEntity> = { ...profile };
    if (passwordProfile) {
      changes.passwordHash = await hashPassword(passwordProfile.password);
      changes.passwordChangedAt = new Date();
      changes.forceChangePassword = passwordProfile.forceChangePasswordNextSignIn ?? true;
    }
    // DECISIONS §9: disabling refuses the user's tokens (those from before stay refused once enabled again).
    const tenantId = principal.tenantId;
    const sessions =
      dto.accountEnabled === false
        ? async (m: EntityManager) => void (await this.sessions.revoke(m, tenantId, user.id, true))
        : dto.accountEnabled === true
          ? (m: EntityManager) => this.sessions.enable(m, tenantId, user.id)
          : undefined;
    const outcome = await this.users.update(tenantId, user.id, changes, sessions);
    if (outcome === 'duplicate') throw GraphErrors.invalidProperty(DUPLICATE_UPN);
    if (outcome === 'gone') throw GraphErrors.resourceNotFound(ref.key); // deleted since resolveTarget
    if (sessions) this.sessionStates.forgetUser(tenantId, user.id);
    return GraphResult.noContent();
  }

  /**
   * The sign-in check (issue #14, for the provider): whether `password` is the user's, in constant time and with the
   * same work whether or not the user exists or has a password. `forceChangePasswordNextSignIn` is the stored flag.
   */
  async checkPassword(tenantId: string, userKey: string, password: string): Promise<PasswordCheck> {
    const user = await this.users.findCredentials(tenantId, userKey);
    const valid = await verifyPassword(user?.passwordHash, password);
    if (!user || !valid) return { valid: false };
    return { valid: true, userId: user.id, accountEnabled: user.accountEnabled !== false, forceChangePasswordNextSignIn: user.forceChangePassword };
  }

  /** `GET /users/$count` (graph-spec §4.4, §4.6): `$filter` allowed, `ConsistencyLevel: eventual` required. */
  async count(principal: Principal, call: GraphCall, consistencyLevel: string | undefined): Promise<GraphResult<string>> {
    const query = parseCountQuery(call.query, USERS_ODATA);
    requireEventualForRawCount(consistencyLevel);
    requireAdvancedQueryHeaders(true, query.filter, consistencyLevel);
    return countResult(await this.users.count(principal.tenantId, query));
  }

  /**
   * `POST /directoryObjects/getByIds` (and `/users/getByIds`): the users among `ids`, each with its
   * `@odata.type`; unknown ids are left out, as Graph does. Only users exist here, so `types` without
   * `user` gives an empty list; an id that is not a GUID is a 400.
   */
  async getByIds(principal: Principal, dto: GetByIdsDto, call: GraphCall) {
    const bad = dto.ids.find((id) => !GUID.test(id));
    if (bad !== undefined) throw GraphErrors.invalidProperty(`Invalid object identifier '${bad}'.`);
    const wantsUsers = !dto.types || dto.types.some((t) => ['user', 'microsoft.graph.user', '#microsoft.graph.user'].includes(t.toLowerCase()));
    const rows = wantsUsers ? await this.users.findByIds(principal.tenantId, [...new Set(dto.ids.map((id) => id.toLowerCase()))]) : [];
    return collectionBody(call, { context: 'directoryObjects', rows, render: (u) => ({ '@odata.type': USER_ODATA_TYPE, ...toGraph(u) }) });
  }

  /**
   * `validateProperties` (directoryObject): would these names pass for a new Microsoft 365 group? The
   * tenant has no group naming policy (no prefix/suffix, no blocked words), so the one rule left is
   * Graph's third: the mail alias must be unused by every directory object. 204, or 422 with details.
   */
  async validateProperties(principal: Principal, dto: ValidatePropertiesDto): Promise<GraphResult> {
    if (dto.entityType.toLowerCase() !== 'group') {
      throw GraphErrors.invalidProperty(`Entity type '${dto.entityType}' is not supported; 'Group' is the only supported entity type.`);
    }
    if (dto.displayName === undefined && dto.mailNickname === undefined) {
      throw GraphErrors.invalidProperty('At least one of displayName or mailNickname is required.');
    }
    if (dto.onBehalfOfUserId && !(await this.users.findByKey(principal.tenantId, dto.onBehalfOfUserId))) {
      throw GraphErrors.resourceNotFound(dto.onBehalfOfUserId);
    }
    if (dto.mailNickname !== undefined && (await this.users.mailNicknameTaken(principal.tenantId, dto.mailNickname))) {
      throw GraphErrors.unprocessableEntity([
        { target: 'mailNickname', code: 'PropertyConflict', message: 'Another object with the same value for property mailNickname already exists.' },
      ]);
    }
    return GraphResult.noContent();
  }

  /** Deleting a user also revokes their sessions (DECISIONS §9): the row outlives the user. */
  async delete(principal: Principal, ref: UserRef): Promise<GraphResult> {
    const user = await this.resolveTarget(principal, ref);
    const revoke = async (m: EntityManager) => void (await this.sessions.revoke(m, principal.tenantId, user.id));
    if (!(await this.users.delete(principal.tenantId, user.id, revoke))) throw GraphErrors.resourceNotFound(ref.key);
    this.sessionStates.forgetUser(principal.tenantId, user.id);
    return GraphResult.noContent();
  }

  /**
   * `POST /users/{id | userPrincipalName}/revokeSignInSessions`, `/me/revokeSignInSessions` (DECISIONS §9): tokens
   * issued before now are refused from the next request on, on every instance.
   */
  async revokeSignInSessions(principal: Principal, ref: UserRef, call: GraphCall) {
    const user = await this.resolveTarget(principal, ref);
    await this.sessions.revokeNow(principal.tenantId, user.id);
    this.sessionStates.forgetUser(principal.tenantId, user.id);
    return { '@odata.context': metadataContext(call, 'Edm.Boolean'), value: true };
  }
}

/**
 * Directory "advanced queries" (graph-spec §4.6): `$count` needs `ConsistencyLevel: eventual`;
 * `ne`, `not` and `endswith` need the header and `$count=true`.
 */
function requireAdvancedQueryHeaders(count: boolean, filter: FilterNode | undefined, consistencyLevel: string | undefined) {
  const eventual = consistencyLevel?.toLowerCase() === 'eventual';
  if (count && !eventual) {
    throw GraphErrors.unsupportedQuery("$count is not currently supported. Add the 'ConsistencyLevel: eventual' request header to use $count.");
  }
  const advanced = filter ? advancedOperator(filter) : undefined;
  if (advanced && !(eventual && count)) {
    throw GraphErrors.unsupportedQuery(
      `Operator '${advanced}' is not supported because the required parameters might be missing. Try adding $count=true query parameter and ConsistencyLevel:eventual header. Refer to https://aka.ms/graph-docs/advanced-queries for more information`,
    );
  }
}

function advancedOperator(node: FilterNode): string | undefined {
  switch (node.kind) {
    case 'and':
    case 'or':
      return advancedOperator(node.left) ?? advancedOperator(node.right);
    case 'not':
      return 'not';
    case 'compare':
      return node.op === 'ne' ? 'ne' : undefined;
    case 'function':
      return node.name === 'endswith' ? 'endsWith' : undefined;
    default:
      return undefined;
  }
}
