import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { graphPermission } from '../../auth/catalogue/graph-service-principal.js';
import type { Principal } from '../../auth/principal.js';
import { collectionBody, entityBody } from '../../graph/collection/collection-body.js';
import { countResult, parseCountQuery } from '../../graph/count.js';
import { GraphErrors } from '../../graph/errors/graph.exception.js';
import type { GraphCall } from '../../graph/graph-call.js';
import { GraphResult } from '../../graph/graph-result.js';
import { parseODataQuery } from '../../graph/odata/index.js';
import { UsersRepository } from '../../users/users.repository.js';
import type { ServicePrincipalRow } from '../service-principals/service-principal.repository.js';
import { isGraphServicePrincipal } from '../service-principals/service-principal.representation.js';
import { ServicePrincipalsService } from '../service-principals/service-principals.service.js';
import { directoryObjectId } from '../shared/ids.js';
import type { CreateOAuth2PermissionGrantDto, UpdateOAuth2PermissionGrantDto } from './dto/oauth2-permission-grant.dto.js';
import { OAUTH2_GRANT_GET_ODATA, OAUTH2_GRANTS_ODATA } from './oauth2-permission-grant.odata.js';
import { OAuth2PermissionGrantRepository } from './oauth2-permission-grant.repository.js';
import { OAUTH2_GRANTS_PATH, oauth2GrantJson } from './oauth2-permission-grant.representation.js';

type Body = Record<string, unknown>;

/** Delegated consent (issue #14): which scopes of a resource a client may use, for every user or for one. */
@Injectable()
export class OAuth2PermissionGrantsService {
  constructor(
    private readonly repo: OAuth2PermissionGrantRepository,
    private readonly principals: ServicePrincipalsService,
    private readonly users: UsersRepository,
  ) {}

  async list(p: Principal, call: GraphCall): Promise<Body> {
    const query = parseODataQuery(call.query, OAUTH2_GRANTS_ODATA);
    const { rows, count } = await this.repo.list(p.tenantId, query);
    return collectionBody(call, {
      context: OAUTH2_GRANTS_PATH,
      query,
      paging: OAUTH2_GRANTS_ODATA,
      rows,
      render: (r) => oauth2GrantJson(call.version, r),
      keyOf: (r) => ({ id: r.id }),
      count,
    });
  }

  async count(p: Principal, call: GraphCall): Promise<GraphResult<string>> {
    return countResult(await this.repo.count(p.tenantId, parseCountQuery(call.query, OAUTH2_GRANTS_ODATA)));
  }

  async get(p: Principal, id: string, call: GraphCall): Promise<Body> {
    const query = parseODataQuery(call.query, OAUTH2_GRANT_GET_ODATA);
    return entityBody(call, OAUTH2_GRANTS_PATH, oauth2GrantJson(call.version, await this.find(p.tenantId, id)), query.select);
  }

  async create(p: Principal, dto: CreateOAuth2PermissionGrantDto, call: GraphCall): Promise<GraphResult<Body>> {
    const principalId = dto.principalId ?? null;
    if ((dto.consentType === 'Principal') !== (principalId !== null)) {
      throw GraphErrors.invalidProperty(
        "Invalid value specified for property 'principalId': it is required when consentType is 'Principal' and must be null when it is 'AllPrincipals'.",
      );
    }
    const client = await this.principals.find(p.tenantId, dto.clientId);
    const resource = await this.principals.find(p.tenantId, dto.resourceId);
    const user = principalId === null ? null : directoryObjectId(principalId);
    if (user && (await this.users.findByIds(p.tenantId, [user])).length === 0) throw GraphErrors.resourceNotFound(principalId!);
    const row = {
      id: randomBytes(32).toString('base64url'),
      clientId: client.id,
      consentType: dto.consentType,
      principalId: user,
      resourceId: resource.id,
      scope: normalizedScope(resource, dto.scope ?? ''),
    };
    const outcome = await this.repo.insert(p.tenantId, row);
    if (outcome === 'duplicate') throw GraphErrors.conflict('Permission entry already exists.');
    if (outcome === 'gone') throw GraphErrors.resourceNotFound(dto.clientId);
    return GraphResult.created(entityBody(call, OAUTH2_GRANTS_PATH, oauth2GrantJson(call.version, row)), `${call.baseUrl}/${OAUTH2_GRANTS_PATH}/${row.id}`);
  }

  /** `PATCH`: only `scope` changes (Graph). */
  async update(p: Principal, id: string, dto: UpdateOAuth2PermissionGrantDto): Promise<void> {
    const grant = await this.find(p.tenantId, id);
    if (dto.scope === undefined) return;
    const resource = await this.principals.find(p.tenantId, grant.resourceId);
    if (!(await this.repo.updateScope(p.tenantId, grant.id, normalizedScope(resource, dto.scope)))) throw GraphErrors.resourceNotFound(id);
  }

  async delete(p: Principal, id: string): Promise<void> {
    if (!(await this.repo.delete(p.tenantId, id))) throw GraphErrors.resourceNotFound(id);
  }

  /** The provider's read: the scopes of `resourceId` a client may use for this user (admin consent plus the user's own). */
  async consentedScopes(tenantId: string, clientId: string, resourceId: string, userId: string): Promise<string[]> {
    const grants = await this.repo.forSignIn(tenantId, clientId, resourceId, userId);
    return [...new Set(grants.flatMap((g) => g.scope.split(' ').filter(Boolean)))];
  }

  private async find(tenantId: string, id: string) {
    const row = id.length <= 64 ? await this.repo.findOne(tenantId, id) : null;
    if (!row) throw GraphErrors.resourceNotFound(id);
    return row;
  }
}

/**
 * Scope values, each once. On Microsoft Graph's principal each must be one of its delegated permissions (any case;
 * Graph's spelling is kept), else 400; other resources' scopes are not modelled here and are kept as sent.
 */
function normalizedScope(resource: ServicePrincipalRow, scope: string): string {
  const values = [...new Set(scope.split(' ').filter(Boolean))];
  if (!isGraphServicePrincipal(resource)) return values.join(' ');
  return values
    .map((value) => {
      const known = graphPermission(value);
      if (!known?.scopeId)
        throw GraphErrors.invalidProperty(`Invalid value specified for property 'scope': '${value}' is not a delegated permission of Microsoft Graph.`);
      return known.name;
    })
    .join(' ');
}
