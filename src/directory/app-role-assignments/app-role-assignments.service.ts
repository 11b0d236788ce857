import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { graphAppRoleById } from '../../auth/catalogue/graph-service-principal.js';
import { DIRECTORY_ROLES } from '../../auth/directory-roles.js';
import type { Principal } from '../../auth/principal.js';
import { collectionBody, entityBody } from '../../graph/collection/collection-body.js';
import { countResult, parseCountQuery } from '../../graph/count.js';
import { GraphErrors } from '../../graph/errors/graph.exception.js';
import type { GraphCall } from '../../graph/graph-call.js';
import { GraphResult } from '../../graph/graph-result.js';
import { parseODataQuery } from '../../graph/odata/index.js';
import type { ServicePrincipalRow } from '../service-principals/service-principal.repository.js';
import { isGraphServicePrincipal } from '../service-principals/service-principal.representation.js';
import { ServicePrincipalsService } from '../service-principals/service-principals.service.js';
import type { CreateAppRoleAssignmentDto } from './dto/app-role-assignment.dto.js';
import { APP_ROLE_ASSIGNMENT_GET_ODATA, APP_ROLE_ASSIGNMENTS_ODATA } from './app-role-assignment.odata.js';
import { AppRoleAssignmentRepository, type AssignmentSide } from './app-role-assignment.repository.js';
import { appRoleAssignmentJson, assignmentsContext, NAVIGATION } from './app-role-assignment.representation.js';

type Body = Record<string, unknown>;
/** Granting Microsoft Graph's app roles is a privileged operation in Entra: only these roles may, delegated. */
const GRAPH_ROLE_GRANTERS = [DIRECTORY_ROLES['Global Administrator'], DIRECTORY_ROLES['Privileged Role Administrator']];

/** One application permission as the provider reads it: the resource's appId and the role's value. */
export interface GrantedAppRole {
  resourceAppId: string;
  appRoleId: string;
  value: string | null;
}

/** App role assignments of service principals (issue #14): application permissions. */
@Injectable()
export class AppRoleAssignmentsService {
  constructor(
    private readonly repo: AppRoleAssignmentRepository,
    private readonly principals: ServicePrincipalsService,
  ) {}

  async list(p: Principal, side: AssignmentSide, spId: string, call: GraphCall): Promise<Body> {
    const query = parseODataQuery(call.query, APP_ROLE_ASSIGNMENTS_ODATA);
    const sp = await this.principals.find(p.tenantId, spId);
    const { rows, count } = await this.repo.list(p.tenantId, side, sp.id, query);
    return collectionBody(call, {
      context: assignmentsContext(side, sp.id),
      query,
      paging: APP_ROLE_ASSIGNMENTS_ODATA,
      rows,
      render: (r) => appRoleAssignmentJson(call.version, r),
      keyOf: (r) => ({ id: r.id }),
      count,
    });
  }

  async count(p: Principal, side: AssignmentSide, spId: string, call: GraphCall): Promise<GraphResult<string>> {
    const query = parseCountQuery(call.query, APP_ROLE_ASSIGNMENTS_ODATA);
    const sp = await this.principals.find(p.tenantId, spId);
    return countResult(await this.repo.count(p.tenantId, side, sp.id, query));
  }

  async get(p: Principal, side: AssignmentSide, spId: string, id: string, call: GraphCall): Promise<Body> {
    const query = parseODataQuery(call.query, APP_ROLE_ASSIGNMENT_GET_ODATA);
    const sp = await this.principals.find(p.tenantId, spId);
    const row = await this.repo.findOne(p.tenantId, side, sp.id, id);
    if (!row) throw GraphErrors.resourceNotFound(id);
    return entityBody(call, assignmentsContext(side, sp.id), appRoleAssignmentJson(call.version, row), query.select);
  }

  /** Grants the role: the URL's principal must be the body's `principalId` (or `resourceId` on appRoleAssignedTo). */
  async create(p: Principal, side: AssignmentSide, spId: string, dto: CreateAppRoleAssignmentDto, call: GraphCall): Promise<GraphResult<Body>> {
    const sp = await this.principals.find(p.tenantId, spId);
    const [principalId, resourceId, appRoleId] = [dto.principalId, dto.resourceId, dto.appRoleId].map((v) => v.toLowerCase());
    const named = side === 'principal' ? principalId : resourceId;
    if (named !== sp.id) {
      const property = side === 'principal' ? 'principalId' : 'resourceId';
      throw GraphErrors.invalidProperty(`Invalid value specified for property '${property}': it must be the service principal of the request URL (${sp.id}).`);
    }
    const principal = side === 'principal' ? sp : await this.principals.find(p.tenantId, principalId);
    const resource = side === 'resource' ? sp : await this.principals.find(p.tenantId, resourceId);
    if (!appRoleOf(resource, appRoleId)) {
      throw GraphErrors.invalidProperty(`Permission being assigned was not found on application '${resource.appId}'.`);
    }
    if (p.kind === 'delegated' && isGraphServicePrincipal(resource) && !GRAPH_ROLE_GRANTERS.some((r) => p.directoryRoles.has(r))) {
      throw GraphErrors.forbidden();
    }
    const id = randomBytes(32).toString('base64url');
    const outcome = await this.repo.insert(p.tenantId, { id, principalId: principal.id, resourceId: resource.id, appRoleId });
    if (outcome === 'duplicate') throw GraphErrors.invalidProperty('Permission being assigned already exists on the object');
    if (outcome === 'gone') throw GraphErrors.resourceNotFound(spId);
    const row = await this.repo.findOne(p.tenantId, side, sp.id, id);
    if (!row) throw GraphErrors.resourceNotFound(spId);
    const context = assignmentsContext(side, sp.id);
    return GraphResult.created(
      entityBody(call, context, appRoleAssignmentJson(call.version, row)),
      `${call.baseUrl}/servicePrincipals/${sp.id}/${NAVIGATION[side]}/${id}`,
    );
  }

  async delete(p: Principal, side: AssignmentSide, spId: string, id: string): Promise<void> {
    const sp = await this.principals.find(p.tenantId, spId);
    if (!(await this.repo.delete(p.tenantId, side, sp.id, id))) throw GraphErrors.resourceNotFound(id);
  }

  /** The provider's read: every application permission a client's principal holds, with the role values. */
  async grantedAppRoles(tenantId: string, principalId: string): Promise<GrantedAppRole[]> {
    const rows = await this.repo.forPrincipal(tenantId, principalId);
    const resources = new Map<string, ServicePrincipalRow>();
    const out: GrantedAppRole[] = [];
    for (const r of rows) {
      const resource = resources.get(r.resourceId) ?? (await this.principals.find(tenantId, r.resourceId));
      resources.set(r.resourceId, resource);
      out.push({ resourceAppId: r.resourceAppId, appRoleId: r.appRoleId, value: appRoleOf(resource, r.appRoleId)?.value ?? null });
    }
    return out;
  }
}

/** An enabled app role of the resource that applications may hold. */
function appRoleOf(resource: ServicePrincipalRow, appRoleId: string): { value: string | null } | undefined {
  if (isGraphServicePrincipal(resource)) {
    const role = graphAppRoleById(appRoleId);
    return role ? { value: role.name } : undefined;
  }
  const role = (resource.appRoles ?? []).find((r) => r.id === appRoleId);
  return role && role.isEnabled && role.allowedMemberTypes.includes('Application') ? { value: role.value } : undefined;
}
