import { BUILTIN_ROLES } from '../../auth/catalogue/builtin-roles.js';
import type { GraphVersion } from '../../graph/http/base-url.js';
import { fitToGraphType } from '../../directory/shared/graph-shape.js';

export const ROLE_DEFINITIONS_PATH = 'roleManagement/directory/roleDefinitions';

export interface BuiltInRole {
  readonly templateId: string;
  readonly displayName: string;
}

/** Entra's built-in roles, from the one catalogue (`auth/catalogue/builtin-roles.ts`), by display name. */
export const BUILT_IN_ROLE_DEFINITIONS: readonly BuiltInRole[] = Object.entries(BUILTIN_ROLES)
  .map(([displayName, templateId]) => ({ displayName, templateId }))
  .sort((a, b) => a.displayName.localeCompare(b.displayName));

const BY_ID = new Map(BUILT_IN_ROLE_DEFINITIONS.map((r) => [r.templateId, r]));

/** A built-in role by its id (= template id for built-ins, as in Entra). */
export const builtInRole = (id: string): BuiltInRole | undefined => BY_ID.get(id.toLowerCase());

/**
 * A built-in role as Graph JSON. The catalogue has names and template ids only: `description` is null and
 * `rolePermissions` lists none (the resource actions of each role are not modelled here, docs/choices.md).
 */
export function roleDefinitionJson(version: GraphVersion, r: BuiltInRole): Record<string, unknown> {
  return fitToGraphType(version, 'unifiedRoleDefinition', {
    id: r.templateId,
    description: null,
    displayName: r.displayName,
    isBuiltIn: true,
    isEnabled: true,
    resourceScopes: ['/'],
    templateId: r.templateId,
    version: '1',
    rolePermissions: [],
  });
}
