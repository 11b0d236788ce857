import { Get, Param } from '@nestjs/common';
import { ApiBadRequestResponse, ApiNotFoundResponse, ApiOkResponse } from '@nestjs/swagger';
import { CurrentPrincipal } from '../auth/current-principal.decorator.js';
import { Permissions } from '../auth/permissions/permissions.decorator.js';
import type { Principal } from '../auth/principal.js';
import { Call, type GraphCall } from '../graph/graph-call.js';
import { GraphController } from '../graph/graph-controller.decorator.js';
import { SIGN_INS_PATH, SignInLogsService } from './sign-in-logs.service.js';
import { SIGN_IN_READ } from './sign-in.permissions.js';

const SIGN_IN = { type: 'object', additionalProperties: true, description: "Graph's `signIn` (beta: beta's type)." };
const SIGN_INS = {
  type: 'object',
  properties: { '@odata.context': { type: 'string' }, '@odata.nextLink': { type: 'string' }, value: { type: 'array', items: SIGN_IN } },
};

/** `/auditLogs/signIns` (issue #14, DECISIONS §10): the development identity platform's sign-ins. */
@GraphController(SIGN_INS_PATH, { tag: 'auditLogs' })
@ApiBadRequestResponse({ description: 'Invalid query option (Request_UnsupportedQuery).' })
export class SignInLogsController {
  constructor(private readonly signIns: SignInLogsService) {}

  @Get()
  @Permissions('auditLogs.ListSignIns', 'List signIns (newest first; $filter, $top, $skiptoken, $select)', SIGN_IN_READ)
  @ApiOkResponse({ description: "A page of Graph's `signIn` objects, newest first, with `@odata.nextLink` when more exist.", schema: SIGN_INS })
  list(@CurrentPrincipal() p: Principal, @Call() call: GraphCall) {
    return this.signIns.list(p, call);
  }

  @Get(':id')
  @Permissions('auditLogs.GetSignIns', 'Get signIn', SIGN_IN_READ)
  @ApiOkResponse({ description: "Graph's `signIn`.", schema: SIGN_IN })
  @ApiNotFoundResponse({ description: 'No such sign-in in this tenant (or older than the 30-day retention).' })
  get(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Call() call: GraphCall) {
    return this.signIns.get(p, id, call);
  }
}
