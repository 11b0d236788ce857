import { Get, Param } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiProduces } from '@nestjs/swagger';
import { CurrentPrincipal } from '../../auth/current-principal.decorator.js';
import type { Principal } from '../../auth/principal.js';
import { Permissions } from '../../auth/permissions/permissions.decorator.js';
import { countPath } from '../../graph/count.js';
import { Call, type GraphCall } from '../../graph/graph-call.js';
import { GraphController } from '../../graph/graph-controller.decorator.js';
import { TargetUser } from '../../users/target-user.decorator.js';
import type { UserRef } from '../../users/user-ref.js';
import { READ_OPERATIONS } from '../authentication.permissions.js';
import { LongRunningOperationCollectionDto, LongRunningOperationResponseDto } from './dto/operation-response.dto.js';
import { OperationsService } from './operations.service.js';

/** The user's long-running operations (password resets). */
@GraphController('', { tag: 'authentication methods' })
export class OperationsController {
  constructor(private readonly service: OperationsService) {}

  @Get(['me/authentication/operations', 'users/:user/authentication/operations'])
  @Permissions('users.authentication.ListOperations', 'List authentication operations', READ_OPERATIONS)
  @ApiOkResponse({ type: LongRunningOperationCollectionDto })
  list(@CurrentPrincipal() p: Principal, @TargetUser() ref: UserRef, @Call() call: GraphCall) {
    return this.service.list(p, ref, call);
  }

  @Get(countPath(['me/authentication/operations', 'users/:user/authentication/operations']))
  @Permissions('users.authentication.operations.GetCount', 'Count authentication operations (text/plain)', READ_OPERATIONS)
  @ApiProduces('text/plain')
  @ApiOkResponse({ description: 'How many operations, as plain text.', schema: { type: 'integer' } })
  count(@CurrentPrincipal() p: Principal, @TargetUser() ref: UserRef, @Call() call: GraphCall) {
    return this.service.count(p, ref, call);
  }

  @Get(['me/authentication/operations/:operationId', 'users/:user/authentication/operations/:operationId'])
  @Permissions('users.authentication.GetOperations', 'Get an authentication operation', READ_OPERATIONS)
  @ApiOkResponse({ type: LongRunningOperationResponseDto })
  @ApiNotFoundResponse({ description: 'No such operation for this user (itemNotFound).' })
  get(@CurrentPrincipal() p: Principal, @TargetUser() ref: UserRef, @Call() call: GraphCall, @Param('operationId') id: string) {
    return this.service.get(p, ref, call, id);
  }
}
