import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { Principal } from '../../auth/principal.js';
import { metadataContext, type GraphCall } from '../../graph/graph-call.js';
import { GraphErrors } from '../../graph/errors/graph.exception.js';
import { GraphResult } from '../../graph/graph-result.js';
import type { UserEntity } from '../../users/user.entity.js';
import type { UserRef } from '../../users/user-ref.js';
import { UsersService } from '../../users/users.service.js';
import { authenticationContext, authenticationPath, authenticationUrl } from '../authentication-links.js';
import type { AuthenticationEntity } from './authentication.entity.js';
import { AuthenticationRepository, type AuthenticationStates } from './authentication.repository.js';
import { MethodErrors } from '../authentication.errors.js';
import type { CreateAuthenticationDto, RequirementsDto, SignInPreferencesDto } from './dto/authentication.dto.js';

const ODATA_TYPE = '#microsoft.graph.authentication';

/**
 * The per-user `authentication` object (DECISIONS §3): one per user, made on first need; the
 * seed's POST is an idempotent create (201 first, 200 after). Beta adds its two states (§2.3).
 */
@Injectable()
export class AuthenticationService {
  constructor(
    private readonly users: UsersService,
    private readonly repo: AuthenticationRepository,
  ) {}

  async create(principal: Principal, ref: UserRef, call: GraphCall, dto: CreateAuthenticationDto): Promise<GraphResult> {
    if (call.version === 'v1.0') {
      const betaOnly = (['signInPreferences', 'requirements'] as const).find((p) => dto[p] !== undefined);
      if (betaOnly) throw GraphErrors.invalidProperty(`Property '${betaOnly}' does not exist on this resource or cannot be set.`);
    }
    const user = await this.users.resolveTarget(principal, ref);
    const states: AuthenticationStates = {
      ...statesOfPreferences(dto.signInPreferences),
      ...(dto.requirements?.perUserMfaState !== undefined ? { perUserMfaState: dto.requirements.perUserMfaState } : {}),
    };
    const { row, created } = await this.repo.ensure(principal.tenantId, user.id, dto.id?.toLowerCase() ?? randomUUID(), states);
    if (!row) throw MethodErrors.conflict(`Another authentication object already has id '${dto.id}'.`);
    const body = this.render(row, ref, call);
    return created ? GraphResult.created(body, authenticationUrl(call, user.id)) : GraphResult.ok(body);
  }

  async get(principal: Principal, ref: UserRef, call: GraphCall) {
    return this.render(await this.ensure(principal, ref), ref, call);
  }

  /** The object as the called version's type has it: beta adds its two states (graph-metadata). */
  private render(row: AuthenticationEntity, ref: UserRef, call: GraphCall) {
    return {
      '@odata.context': authenticationContext(call, ref, '/$entity'),
      '@odata.type': ODATA_TYPE,
      id: row.id,
      ...(call.version === 'beta' ? { signInPreferences: preferencesOf(row), requirements: requirementsOf(row) } : {}),
    };
  }

  async getSignInPreferences(principal: Principal, ref: UserRef, call: GraphCall) {
    const row = await this.ensure(principal, ref);
    return { '@odata.context': metadataContext(call, `${authenticationPath(ref)}/signInPreferences`), ...preferencesOf(row) };
  }

  async updateSignInPreferences(principal: Principal, ref: UserRef, dto: SignInPreferencesDto): Promise<GraphResult> {
    const row = await this.ensure(principal, ref);
    await this.repo.updateStates(principal.tenantId, row.userId, statesOfPreferences(dto));
    return GraphResult.noContent();
  }

  async getRequirements(principal: Principal, ref: UserRef, call: GraphCall) {
    const row = await this.ensure(principal, ref);
    return { '@odata.context': metadataContext(call, `${authenticationPath(ref)}/requirements`), ...requirementsOf(row) };
  }

  async updateRequirements(principal: Principal, ref: UserRef, dto: RequirementsDto): Promise<GraphResult> {
    const row = await this.ensure(principal, ref);
    if (dto.perUserMfaState !== undefined) await this.repo.updateStates(principal.tenantId, row.userId, { perUserMfaState: dto.perUserMfaState });
    return GraphResult.noContent();
  }

  /** The user's object, created with a fresh id on first need: never 404 for an existing user. */
  private async ensure(principal: Principal, ref: UserRef): Promise<AuthenticationEntity> {
    const user: UserEntity = await this.users.resolveTarget(principal, ref);
    const existing = await this.repo.find(principal.tenantId, user.id);
    if (existing) return existing;
    const { row } = await this.repo.ensure(principal.tenantId, user.id, randomUUID());
    return row!;
  }
}

function statesOfPreferences(dto: SignInPreferencesDto | undefined): AuthenticationStates {
  return {
    ...(dto?.isSystemPreferredAuthenticationMethodEnabled !== undefined ? { systemPreferredEnabled: dto.isSystemPreferredAuthenticationMethodEnabled } : {}),
    ...(dto?.userPreferredMethodForSecondaryAuthentication !== undefined ? { userPreferredMethod: dto.userPreferredMethodForSecondaryAuthentication } : {}),
  };
}

/** Unset system-preferred MFA reads as on: Microsoft-managed, enabled by default since 2023. */
function preferencesOf(row: AuthenticationEntity) {
  return {
    isSystemPreferredAuthenticationMethodEnabled: row.systemPreferredEnabled ?? true,
    userPreferredMethodForSecondaryAuthentication: row.userPreferredMethod,
  };
}

function requirementsOf(row: AuthenticationEntity) {
  return { perUserMfaState: row.perUserMfaState };
}
