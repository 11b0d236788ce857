import { GRAPH_APP_ID, GRAPH_PERMISSION_IDS, MICROSOFT_SERVICES_TENANT } from '../../auth/catalogue/graph-service-principal.js';
import type { GraphVersion } from '../../graph/http/base-url.js';
import { fitToGraphType } from '../shared/graph-shape.js';
import type { ServicePrincipalRow } from './service-principal.repository.js';

export const SERVICE_PRINCIPALS_PATH = 'servicePrincipals';

/** Graph's own service principal names (what Entra lists for Microsoft Graph). */
const GRAPH_SERVICE_PRINCIPAL_NAMES = [GRAPH_APP_ID, 'https://graph.microsoft.com', 'https://graph.microsoft.com/', 'https://canary.graph.microsoft.com'];

/** Graph's app roles and delegated scopes, built once from the one data file. Names and ids only: the source has no texts. */
const GRAPH_APP_ROLES = GRAPH_PERMISSION_IDS.filter((p) => p.appRoleId).map((p) => ({
  allowedMemberTypes: ['Application'],
  description: null,
  displayName: null,
  id: p.appRoleId!,
  isEnabled: true,
  origin: 'Application',
  value: p.name,
}));
const GRAPH_SCOPES = GRAPH_PERMISSION_IDS.filter((p) => p.scopeId).map((p) => ({
  adminConsentDescription: null,
  adminConsentDisplayName: null,
  id: p.scopeId!,
  isEnabled: true,
  origin: 'Application',
  type: null,
  userConsentDescription: null,
  userConsentDisplayName: null,
  value: p.name,
}));

export const isGraphServicePrincipal = (row: Pick<ServicePrincipalRow, 'appId'>) => row.appId === GRAPH_APP_ID;

/** One service principal as Graph JSON for the version called: every property of Graph's type. */
export function servicePrincipalJson(version: GraphVersion, tenantId: string, r: ServicePrincipalRow): Record<string, unknown> {
  const graph = isGraphServicePrincipal(r);
  const scopes = graph ? GRAPH_SCOPES : [];
  const web = r.web ?? {};
  return fitToGraphType(version, 'servicePrincipal', {
    id: r.id,
    deletedDateTime: null,
    accountEnabled: r.accountEnabled,
    appDescription: r.appDescription,
    appDisplayName: graph ? r.displayName : r.appDisplayName,
    appId: r.appId,
    appOwnerOrganizationId: graph ? MICROSOFT_SERVICES_TENANT : r.applicationId ? tenantId : null,
    appRoleAssignmentRequired: r.appRoleAssignmentRequired,
    description: r.description,
    displayName: r.displayName,
    homepage: web.homePageUrl ?? null,
    logoutUrl: web.logoutUrl ?? null,
    notes: r.notes,
    replyUrls: [...(web.redirectUris ?? []), ...(r.spaRedirectUris ?? []), ...(r.publicClientRedirectUris ?? [])],
    servicePrincipalNames: graph ? GRAPH_SERVICE_PRINCIPAL_NAMES : [r.appId, ...(r.identifierUris ?? [])],
    servicePrincipalType: 'Application',
    signInAudience: graph ? 'AzureADMultipleOrgs' : r.signInAudience,
    tags: r.tags,
    appRoles: graph ? GRAPH_APP_ROLES : (r.appRoles ?? []).map((role) => ({ ...role, origin: 'Application' })),
    // v1.0 calls them oauth2PermissionScopes, beta publishedPermissionScopes.
    oauth2PermissionScopes: scopes,
    publishedPermissionScopes: scopes,
  });
}
