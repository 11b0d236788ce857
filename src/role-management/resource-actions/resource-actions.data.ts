/**
 * The `microsoft.directory` resource actions this service knows (graph-spec-ca-root §7.2, DECISIONS §9): the seven
 * that Entra lets an administrator protect with an authentication context (`isAuthenticationContextSettable`), and
 * the matching reads, which cannot be protected. The catalogue is the same in every tenant; only the binding
 * (`authenticationContextId`) is per tenant (table `resource_action_bindings`).
 * Ids follow Graph's scheme: the name with `/` replaced by `-`, then the HTTP verb (protected-actions-add.md:
 * `microsoft.directory-conditionalAccessPolicies-delete-delete`).
 */
export interface ResourceActionData {
  readonly id: string;
  readonly name: string;
  readonly actionVerb: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  readonly description: string;
  readonly isAuthenticationContextSettable: boolean;
  readonly isPrivileged: boolean;
}

export const DIRECTORY_NAMESPACE = 'microsoft.directory';

const action = (name: string, verb: ResourceActionData['actionVerb'], description: string, settable: boolean): ResourceActionData => ({
  id: `${name.replaceAll('/', '-')}-${verb.toLowerCase()}`,
  name,
  actionVerb: verb,
  description,
  isAuthenticationContextSettable: settable,
  isPrivileged: false,
});

/** Ids of the settable actions, by what they protect (the step-up stage maps operations onto these). */
export const PROTECTABLE = {
  policyCreate: 'microsoft.directory-conditionalAccessPolicies-create-post',
  policyUpdate: 'microsoft.directory-conditionalAccessPolicies-basic-update-patch',
  policyDelete: 'microsoft.directory-conditionalAccessPolicies-delete-delete',
  locationCreate: 'microsoft.directory-namedLocations-create-post',
  locationUpdate: 'microsoft.directory-namedLocations-basic-update-patch',
  locationDelete: 'microsoft.directory-namedLocations-delete-delete',
  deletedItemPurge: 'microsoft.directory-deletedItems-delete-delete',
} as const;

export type ProtectableActionId = (typeof PROTECTABLE)[keyof typeof PROTECTABLE];

/** Sorted by id (the list's order). */
export const RESOURCE_ACTIONS: readonly ResourceActionData[] = [
  action('microsoft.directory/conditionalAccessPolicies/basic/update', 'PATCH', 'Update basic properties for Conditional Access policies', true),
  action('microsoft.directory/conditionalAccessPolicies/create', 'POST', 'Create Conditional Access policies', true),
  action('microsoft.directory/conditionalAccessPolicies/delete', 'DELETE', 'Delete Conditional Access policies', true),
  action('microsoft.directory/conditionalAccessPolicies/standard/read', 'GET', 'Read Conditional Access for policies', false),
  action('microsoft.directory/deletedItems/delete', 'DELETE', 'Permanently delete objects, which can no longer be restored', true),
  action('microsoft.directory/deletedItems/restore', 'POST', 'Restore soft deleted objects to original state', false),
  action('microsoft.directory/namedLocations/basic/update', 'PATCH', 'Update basic properties of custom rules that define network locations', true),
  action('microsoft.directory/namedLocations/create', 'POST', 'Create custom rules that define network locations', true),
  action('microsoft.directory/namedLocations/delete', 'DELETE', 'Delete custom rules that define network locations', true),
  action('microsoft.directory/namedLocations/standard/read', 'GET', 'Read basic properties of custom rules that define network locations', false),
].sort((a, b) => a.id.localeCompare(b.id));

const BY_ID = new Map(RESOURCE_ACTIONS.map((a) => [a.id.toLowerCase(), a]));

/** Ids are case-insensitive (unifiedRbacResourceAction.id). */
export function findResourceAction(id: string): ResourceActionData | undefined {
  return BY_ID.get(id.toLowerCase());
}
