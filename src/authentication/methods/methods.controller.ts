import { Body, Get, Param, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiExtraModels, ApiNotFoundResponse, ApiOkResponse, ApiProduces } from '@nestjs/swagger';
import { CurrentPrincipal } from '../../auth/current-principal.decorator.js';
import type { Principal } from '../../auth/principal.js';
import { Permissions } from '../../auth/permissions/permissions.decorator.js';
import { countPath } from '../../graph/count.js';
import { Call, type GraphCall } from '../../graph/graph-call.js';
import { GraphController } from '../../graph/graph-controller.decorator.js';
import { TargetUser } from '../../users/target-user.decorator.js';
import type { UserRef } from '../../users/user-ref.js';
import { methodPermissions, RESET_PASSWORD } from '../authentication.permissions.js';
import {
  AUTHENTICATION_METHOD_RESPONSE_SCHEMA,
  AuthenticationMethodCollectionDto,
  METHOD_ITEM_DTOS,
} from './dto/methods-response.dto.js';
import { PasswordResetResponseDto } from './dto/password-method-response.dto.js';
import { ResetPasswordDto } from '../password-reset/dto/reset-password.dto.js';
import { MethodsService } from './methods.service.js';
import { PasswordResetService } from '../password-reset/password-reset.service.js';
import { userPaths } from '../user-paths.js';

/** The polymorphic `methods` collection (every family, each item with `@odata.type`) and resetPassword. */
@GraphController('', { tag: 'authentication methods' })
@ApiExtraModels(...METHOD_ITEM_DTOS)
export class MethodsController {
  constructor(
    private readonly methods: MethodsService,
    private readonly passwordReset: PasswordResetService,
  ) {}

  @Get(userPaths('/methods'))
  @Permissions('users.authentication.ListMethods', 'List all authentication methods', methodPermissions(null, 'read'))
  @ApiOkResponse({ type: AuthenticationMethodCollectionDto })
  list(@CurrentPrincipal() p: Principal, @TargetUser() ref: UserRef, @Call() call: GraphCall) {
    return this.methods.list(p, ref, call, null);
  }

  @Get(countPath(userPaths('/methods')))
  @Permissions('users.authentication.methods.GetCount', 'Count all authentication methods (text/plain)', methodPermissions(null, 'read'))
  @ApiProduces('text/plain')
  @ApiOkResponse({ description: 'How many methods the user has, as plain text.', schema: { type: 'integer' } })
  count(@CurrentPrincipal() p: Principal, @TargetUser() ref: UserRef, @Call() call: GraphCall) {
    return this.methods.count(p, ref, call, null);
  }

  @Get(userPaths('/methods/:methodId'))
  @Permissions('users.authentication.GetMethods', 'Get an authentication method', methodPermissions(null, 'read'))
  @ApiOkResponse({ schema: AUTHENTICATION_METHOD_RESPONSE_SCHEMA, description: 'The method, of whichever family, with `@odata.type`.' })
  @ApiNotFoundResponse({ description: 'No such method for this user (itemNotFound).' })
  get(@CurrentPrincipal() p: Principal, @TargetUser() ref: UserRef, @Call() call: GraphCall, @Param('methodId') id: string) {
    return this.methods.get(p, ref, call, null, id);
  }

  /** `/me/...` is routed too, so that asking for oneself is a clear 403 rather than a 404. */
  @Post(userPaths('/methods/:methodId/resetPassword'))
  @Permissions('users.authentication.methods.resetPassword', "Reset a user's password (202; follow Location to the operation)", RESET_PASSWORD)
  @ApiAcceptedResponse({
    type: PasswordResetResponseDto,
    description: 'Accepted. A body only when `newPassword` was omitted (the generated password); none when it was sent.',
    headers: { Location: { description: 'The `longRunningOperation` to follow.', schema: { type: 'string', format: 'uri' } } },
  })
  resetPassword(
    @CurrentPrincipal() p: Principal,
    @TargetUser() ref: UserRef,
    @Call() call: GraphCall,
    @Param('methodId') id: string,
    @Body() dto: ResetPasswordDto,
  ) {
    return this.passwordReset.reset(p, ref, call, id, dto);
  }
}
