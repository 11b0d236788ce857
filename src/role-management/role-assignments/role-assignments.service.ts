import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { Principal } from '../../auth/principal.js';
import { ServicePrincipalsService } from '../../directory/service-principals/service-principals.service.js';
import { directoryObjectId } from '../../directory/shared/ids.js';
import { collectionBody, entityBody } from '../../graph/collection/collection-body.js';
import { countResult, parseCountQuery } from '../../graph/count.js';
import { GraphErrors } from '../../graph/errors/graph.exception.js';
import type { GraphCall } from '../../graph/graph-call.js';
import { GraphResult } from '../../graph/graph-result.js';
import { parseODataQuery } from '../../graph/odata/index.js';
import { UsersRepository } from '../../users/users.repository.js';
import { builtInRole } from '../role-definitions/role-definitions.js';
import type { CreateRoleAssignmentDto } from './dto/role-assignment.dto.js';
import { ROLE_ASSIGNMENT_GET_ODATA, ROLE_ASSIGNMENTS_ODATA } from './role-assignment.odata.js';
import { RoleAssignmentRepository } from './role-assignment.repository.js';
import { ROLE_ASSIGNMENTS_PATH, roleAssignmentJson } from './role-assignment.representation.js';

type Body = Record<string, unknown>;
/** The tenant scope: the only directory scope served (administrative units are not modelled). */
const TENANT_SCOPE = '/';

/** Directory role assignments (issue #14): which built-in roles a user or service principal holds (`wids`). */
@Injectable()
export class RoleAssignmentsService {
  constructor(
    private readonly repo: RoleAssignmentRepository,
    private readonly users: UsersRepository,
    private readonly principals: ServicePrincipalsService,
  ) {}

  async list(p: Principal, call: GraphCall): Promise<Body> {
    const query = parseODataQuery(call.query, ROLE_ASSIGNMENTS_ODATA);
    const { rows, count } = await this.repo.list(p.tenantId, query);
    return collectionBody(call, {
      context: ROLE_ASSIGNMENTS_PATH,
      query,
      paging: ROLE_ASSIGNMENTS_ODATA,
      rows,
      render: (r) => roleAssignmentJson(call.version, p.tenantId, r),
      keyOf: (r) => ({ id: r.id }),
      count,
    });
  }

  async count(p: Principal, call: GraphCall): Promise<GraphResult<string>> {
    return countResult(await this.repo.count(p.tenantId, parseCountQuery(call.query, ROLE_ASSIGNMENTS_ODATA)));
  }

  async get(p: Principal, id: string, call: GraphCall): Promise<Body> {
    const query = parseODataQuery(call.query, ROLE_ASSIGNMENT_GET_ODATA);
    const row = id.length <= 64 ? await this.repo.findOne(p.tenantId, id) : null;
    if (!row) throw GraphErrors.resourceNotFound(id);
    return entityBody(call, ROLE_ASSIGNMENTS_PATH, roleAssignmentJson(call.version, p.tenantId, row), query.select);
  }

  async create(p: Principal, dto: CreateRoleAssignmentDto, call: GraphCall): Promise<GraphResult<Body>> {
    if (dto.directoryScopeId !== TENANT_SCOPE) {
      throw GraphErrors.invalidProperty(`Invalid value specified for property 'directoryScopeId': only the tenant scope '${TENANT_SCOPE}' is supported here.`);
    }
    const role = builtInRole(dto.roleDefinitionId);
    if (!role) throw GraphErrors.resourceNotFound(dto.roleDefinitionId);
    const principalId = directoryObjectId(dto.principalId);
    const isUser = (await this.users.findByIds(p.tenantId, [principalId])).length > 0;
    if (!isUser) await this.principals.find(p.tenantId, principalId);
    const row = { id: randomBytes(32).toString('base64url'), roleDefinitionId: role.templateId, principalId, directoryScopeId: TENANT_SCOPE };
    const outcome = await this.repo.insert(p.tenantId, {
      ...row,
      userId: isUser ? principalId : null,
      servicePrincipalId: isUser ? null : principalId,
    });
    if (outcome === 'duplicate') {
      throw GraphErrors.invalidProperty('A conflicting object with one or more of the specified property values is present in the directory.');
    }
    if (outcome === 'gone') throw GraphErrors.resourceNotFound(dto.principalId);
    return GraphResult.created(
      entityBody(call, ROLE_ASSIGNMENTS_PATH, roleAssignmentJson(call.version, p.tenantId, row)),
      `${call.baseUrl}/${ROLE_ASSIGNMENTS_PATH}/${row.id}`,
    );
  }

  async delete(p: Principal, id: string): Promise<void> {
    if (!(await this.repo.delete(p.tenantId, id))) throw GraphErrors.resourceNotFound(id);
  }

  /** The provider's read: the template ids of the roles a user or service principal holds (its `wids`). */
  roleTemplateIds(tenantId: string, principalId: string): Promise<string[]> {
    return this.repo.roleIdsOf(tenantId, principalId.toLowerCase());
  }
}
