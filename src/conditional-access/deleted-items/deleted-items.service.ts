import { Injectable } from '@nestjs/common';
import type { GraphCall } from '../../graph/graph-call.js';
import { NamedLocationsService } from '../named-locations/named-locations.service.js';
import { PoliciesService, type PolicyCallOptions } from '../policies/policies.service.js';

/**
 * `/identity/conditionalAccess/deletedItems/{policies,namedLocations}` (graph-spec-ca-root §5): soft-deleted
 * objects for 30 days (retention.ts), list/get, restore (200, as they were, references re-checked), purge (204).
 * The rules live with each resource; this is the deleted-items face of them, one call per route.
 */
@Injectable()
export class DeletedItemsService {
  constructor(
    private readonly policies: PoliciesService,
    private readonly locations: NamedLocationsService,
  ) {}

  listPolicies(tenantId: string, call: GraphCall, options: PolicyCallOptions = {}) {
    return this.policies.list(tenantId, call, options, 'deleted');
  }

  getPolicy(tenantId: string, id: string, call: GraphCall, options: PolicyCallOptions = {}) {
    return this.policies.get(tenantId, id, call, options, 'deleted');
  }

  restorePolicy(tenantId: string, id: string, call: GraphCall, options: PolicyCallOptions = {}) {
    return this.policies.restore(tenantId, id, call, options);
  }

  purgePolicy(tenantId: string, id: string) {
    return this.policies.purge(tenantId, id);
  }

  listNamedLocations(tenantId: string, call: GraphCall) {
    return this.locations.list(tenantId, call, 'deleted');
  }

  getNamedLocation(tenantId: string, id: string, call: GraphCall) {
    return this.locations.get(tenantId, id, call, 'deleted');
  }

  restoreNamedLocation(tenantId: string, id: string, call: GraphCall) {
    return this.locations.restore(tenantId, id, call);
  }

  purgeNamedLocation(tenantId: string, id: string) {
    return this.locations.purge(tenantId, id);
  }
}
