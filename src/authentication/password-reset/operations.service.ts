import { Injectable } from '@nestjs/common';
import type { Principal } from '../../auth/principal.js';
import { countResult, parseCountQuery } from '../../graph/count.js';
import { collectionBody, entityBody } from '../../graph/collection/collection-body.js';
import type { GraphCall } from '../../graph/graph-call.js';
import type { GraphResult } from '../../graph/graph-result.js';
import { parseODataQuery, type ODataResourceSpec } from '../../graph/odata/index.js';
import type { UserRef } from '../../users/user-ref.js';
import { UsersService } from '../../users/users.service.js';
import { authenticationPath } from '../authentication-links.js';
import type { AuthenticationOperationEntity } from './authentication-operation.entity.js';
import { AuthenticationOperationsRepository } from './authentication-operations.repository.js';
import { MethodErrors } from '../authentication.errors.js';
import { GUID } from '../methods/families/method-ids.js';

/** No query options: a bad `$…` is a 400 rather than silently ignored. */
const NO_OPTIONS: ODataResourceSpec = { resource: 'longRunningOperation', key: 'id', properties: {}, options: {} };

const operationsPath = (ref: UserRef) => `${authenticationPath(ref)}/operations`;

/** The user's `longRunningOperation`s (password resets), graph-spec §2.6.5. */
@Injectable()
export class OperationsService {
  constructor(
    private readonly users: UsersService,
    private readonly operations: AuthenticationOperationsRepository,
  ) {}

  async list(principal: Principal, ref: UserRef, call: GraphCall) {
    parseODataQuery(call.query, NO_OPTIONS);
    const user = await this.users.resolveTarget(principal, ref);
    const rows = await this.operations.list(principal.tenantId, user.id);
    return collectionBody(call, { context: operationsPath(ref), rows, render: (r) => this.render(r, call) });
  }

  async count(principal: Principal, ref: UserRef, call: GraphCall): Promise<GraphResult<string>> {
    parseCountQuery(call.query, NO_OPTIONS);
    const user = await this.users.resolveTarget(principal, ref);
    return countResult((await this.operations.list(principal.tenantId, user.id)).length);
  }

  async get(principal: Principal, ref: UserRef, call: GraphCall, operationId: string) {
    parseODataQuery(call.query, NO_OPTIONS);
    const user = await this.users.resolveTarget(principal, ref);
    const row = GUID.test(operationId) ? await this.operations.find(principal.tenantId, user.id, operationId.toLowerCase()) : null;
    if (!row) throw MethodErrors.operationNotFound(operationId);
    return entityBody(call, operationsPath(ref), this.render(row, call));
  }

  private render(row: AuthenticationOperationEntity, call: GraphCall) {
    return {
      id: row.id,
      createdDateTime: row.createdAt.toISOString(),
      lastActionDateTime: row.lastActionAt.toISOString(),
      resourceLocation: row.resourceLocation ? `${call.baseUrl}/${row.resourceLocation}` : null,
      status: row.status,
      statusDetail: row.statusDetail,
    };
  }
}
