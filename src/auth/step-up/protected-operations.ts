import type { GraphOperationId } from '../../graph/openapi/operation-ids.js';
import { PROTECTABLE, type ProtectableActionId } from '../../role-management/resource-actions/resource-actions.data.js';

/**
 * Which handlers each protected action guards, by their stable operation ids (declared in `@Permissions`):
 * data, not decorators, so one table says what a binding protects (graph-spec-ca-root §7.2), and
 * test/permissions-snapshot shows the handlers each action reaches.
 */
export const PROTECTED_OPERATIONS: Readonly<Record<ProtectableActionId, readonly GraphOperationId[]>> = {
  [PROTECTABLE.policyCreate]: ['identity.conditionalAccess.CreatePolicies'],
  [PROTECTABLE.policyUpdate]: ['identity.conditionalAccess.UpdatePolicies'],
  [PROTECTABLE.policyDelete]: ['identity.conditionalAccess.DeletePolicies'],
  [PROTECTABLE.locationCreate]: ['identity.conditionalAccess.CreateNamedLocations'],
  [PROTECTABLE.locationUpdate]: ['identity.conditionalAccess.UpdateNamedLocations'],
  [PROTECTABLE.locationDelete]: ['identity.conditionalAccess.DeleteNamedLocations'],
  [PROTECTABLE.deletedItemPurge]: ['identity.conditionalAccess.deletedItems.DeletePolicies', 'identity.conditionalAccess.deletedItems.DeleteNamedLocations'],
};

/** operation id → the protected action it performs. */
export const ACTION_OF_OPERATION: ReadonlyMap<string, ProtectableActionId> = new Map(
  (Object.entries(PROTECTED_OPERATIONS) as [ProtectableActionId, readonly string[]][]).flatMap(([action, ops]) => ops.map((op) => [op, action] as const)),
);
