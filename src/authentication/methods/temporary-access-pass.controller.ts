import { Body, Post } from '@nestjs/common';
import { ApiCreatedResponse } from '@nestjs/swagger';
import { CurrentPrincipal } from '../../auth/current-principal.decorator.js';
import type { Principal } from '../../auth/principal.js';
import { Permissions } from '../../auth/permissions/permissions.decorator.js';
import { Call, type GraphCall } from '../../graph/graph-call.js';
import { GraphController } from '../../graph/graph-controller.decorator.js';
import { TargetUser } from '../../users/target-user.decorator.js';
import type { UserRef } from '../../users/user-ref.js';
import { methodPermissions } from '../authentication.permissions.js';
import { CreateTemporaryAccessPassDto } from './dto/temporary-access-pass.dto.js';
import { TemporaryAccessPassCreatedDto } from './dto/temporary-access-pass-response.dto.js';
import { TemporaryAccessPassService } from './temporary-access-pass.service.js';

const NO_SELF_TAP = 'Users cannot create a Temporary Access Pass for themselves; an administrator must do it.';

/** TAP create; list, get and delete come from the family registry. */
@GraphController('', { tag: 'authentication methods' })
export class TemporaryAccessPassController {
  constructor(private readonly service: TemporaryAccessPassService) {}

  /** graph-spec §2.4: the docs print read scopes here, a generator bug; a ReadWrite scope is required. */
  @Post(['me/authentication/temporaryAccessPassMethods', 'users/:user/authentication/temporaryAccessPassMethods'])
  @Permissions(
    'users.authentication.CreateTemporaryAccessPassMethods',
    'Create a Temporary Access Pass (replaces an existing one)',
    methodPermissions('TAP', 'write', { selfWrite: false, selfNotSupportedReason: NO_SELF_TAP }),
  )
  @ApiCreatedResponse({
    type: TemporaryAccessPassCreatedDto,
    description: 'Created (an existing pass is replaced); the pass itself is in this response only. `Location` names it.',
    headers: { Location: { description: 'The new pass.', schema: { type: 'string', format: 'uri' } } },
  })
  create(@CurrentPrincipal() p: Principal, @TargetUser() ref: UserRef, @Call() call: GraphCall, @Body() dto: CreateTemporaryAccessPassDto) {
    return this.service.create(p, ref, call, dto);
  }
}
