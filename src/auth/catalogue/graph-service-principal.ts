import { GRAPH_PERMISSION_IDS_SOURCE } from './graph-permission-ids.data.js';

/** Microsoft Graph's application id: the `appId` of its service principal in every tenant, and an `aud` of its tokens. */
export const GRAPH_APP_ID = '00000003-0000-0000-c000-000000000000';
export const GRAPH_DISPLAY_NAME = 'Microsoft Graph';
/** The tenant that owns Microsoft's first-party applications (`appOwnerOrganizationId` of Graph's service principal). */
export const MICROSOFT_SERVICES_TENANT = 'f8cdef31-a31e-4b4a-93e4-5f571e91255a';

export interface GraphPermissionIds {
  readonly name: string;
  /** The id of Graph's app role (application permission) of this name, when Graph has one. */
  readonly appRoleId?: string;
  /** The id of Graph's delegated permission scope of this name, when Graph has one. */
  readonly scopeId?: string;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function parse(source: string): GraphPermissionIds[] {
  return source
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const [name, app, delegated, ...rest] = line.split(' ');
      for (const id of [app, delegated]) if (rest.length || (id !== '-' && !GUID.test(id ?? ''))) throw new Error(`graph-permission-ids: bad line "${line}"`);
      return { name, ...(app !== '-' ? { appRoleId: app } : {}), ...(delegated !== '-' ? { scopeId: delegated } : {}) };
    });
}

/** Every permission of Microsoft Graph's service principal, with its real ids (one source: the data file). */
export const GRAPH_PERMISSION_IDS: readonly GraphPermissionIds[] = parse(GRAPH_PERMISSION_IDS_SOURCE);

const BY_NAME = new Map(GRAPH_PERMISSION_IDS.map((p) => [p.name.toLowerCase(), p]));
const BY_ROLE_ID = new Map(GRAPH_PERMISSION_IDS.filter((p) => p.appRoleId).map((p) => [p.appRoleId!, p]));
const BY_SCOPE_ID = new Map(GRAPH_PERMISSION_IDS.filter((p) => p.scopeId).map((p) => [p.scopeId!, p]));

/** A Graph permission by name (any case). */
export const graphPermission = (name: string): GraphPermissionIds | undefined => BY_NAME.get(name.toLowerCase());
/** The application permission (app role) of Graph with this id. */
export const graphAppRoleById = (id: string): GraphPermissionIds | undefined => BY_ROLE_ID.get(id.toLowerCase());
/** The delegated permission (scope) of Graph with this id. */
export const graphScopeById = (id: string): GraphPermissionIds | undefined => BY_SCOPE_ID.get(id.toLowerCase());
