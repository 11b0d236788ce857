import type { GraphVersion } from '../../graph/http/base-url.js';
import { fitToGraphType } from '../../directory/shared/graph-shape.js';
import type { RoleAssignmentRow } from './role-assignment.repository.js';

export const ROLE_ASSIGNMENTS_PATH = 'roleManagement/directory/roleAssignments';

/** Graph's order; the tenant is the principal's organization; beta also names the scope `resourceScope`. */
export function roleAssignmentJson(version: GraphVersion, tenantId: string, r: RoleAssignmentRow): Record<string, unknown> {
  return fitToGraphType(version, 'unifiedRoleAssignment', {
    id: r.id,
    principalId: r.principalId,
    principalOrganizationId: tenantId,
    resourceScope: r.directoryScopeId,
    directoryScopeId: r.directoryScopeId,
    roleDefinitionId: r.roleDefinitionId,
    appScopeId: null,
    condition: null,
  });
}
