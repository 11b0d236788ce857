import type { GraphVersion } from '../../graph/http/base-url.js';
import { fitToGraphType } from '../shared/graph-shape.js';
import type { AppRoleAssignmentRow, AssignmentSide } from './app-role-assignment.repository.js';

/** The navigation of a service principal that lists its assignments from this side. */
export const NAVIGATION: Record<AssignmentSide, string> = { principal: 'appRoleAssignments', resource: 'appRoleAssignedTo' };

/** The collection as Graph names it in `@odata.context`: `servicePrincipals('{id}')/appRoleAssignments`. */
export const assignmentsContext = (side: AssignmentSide, spId: string) => `servicePrincipals('${spId}')/${NAVIGATION[side]}`;

export function appRoleAssignmentJson(version: GraphVersion, r: AppRoleAssignmentRow): Record<string, unknown> {
  const created = new Date(r.createdAt).toISOString();
  return fitToGraphType(version, 'appRoleAssignment', {
    id: r.id,
    deletedDateTime: null,
    appRoleId: r.appRoleId,
    // v1.0 names it createdDateTime, beta creationTimestamp.
    createdDateTime: created,
    creationTimestamp: created,
    principalDisplayName: r.principalDisplayName,
    principalId: r.principalId,
    principalType: r.principalType,
    resourceDisplayName: r.resourceDisplayName,
    resourceId: r.resourceId,
  });
}
