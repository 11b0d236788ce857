import { Injectable } from '@nestjs/common';
import type { Principal } from '../../auth/principal.js';
import { countResult, parseCountQuery } from '../../graph/count.js';
import { collectionBody } from '../../graph/collection/collection-body.js';
import type { GraphCall } from '../../graph/graph-call.js';
import type { GraphResult } from '../../graph/graph-result.js';
import { parseODataQuery, type ODataResourceSpec } from '../../graph/odata/index.js';
import type { UserRef } from '../../users/user-ref.js';
import { UsersService } from '../../users/users.service.js';
import { authenticationPath } from '../authentication-links.js';
import { MethodErrors } from '../authentication.errors.js';

const SPEC: ODataResourceSpec = {
  resource: 'externalAuthenticationMethod',
  key: 'id',
  properties: Object.fromEntries(
    ['id', 'configurationId', 'displayName', 'createdDateTime', 'lastUsedDateTime'].map((p) => [p, { column: p, type: 'string' as const }]),
  ),
  options: { select: true },
};

/**
 * `externalAuthenticationMethods` (graph-spec §2.6.11). Registering one needs an external
 * authentication provider configured in the tenant's authentication methods policy, which this
 * service does not have yet, so no user has any: the list is empty, the count 0, any id unknown.
 */
@Injectable()
export class ExternalMethodsService {
  constructor(private readonly users: UsersService) {}

  async list(principal: Principal, ref: UserRef, call: GraphCall) {
    const query = parseODataQuery(call.query, SPEC);
    await this.users.resolveTarget(principal, ref);
    // Nothing is stored for this family yet: always the empty collection.
    return collectionBody(call, { context: `${authenticationPath(ref)}/externalAuthenticationMethods`, query, rows: [] });
  }

  async count(principal: Principal, ref: UserRef, call: GraphCall): Promise<GraphResult<string>> {
    parseCountQuery(call.query, SPEC);
    await this.users.resolveTarget(principal, ref);
    return countResult(0);
  }

  async get(principal: Principal, ref: UserRef, call: GraphCall, methodId: string): Promise<never> {
    parseODataQuery(call.query, SPEC);
    await this.users.resolveTarget(principal, ref);
    throw MethodErrors.methodNotFound(methodId);
  }
}
