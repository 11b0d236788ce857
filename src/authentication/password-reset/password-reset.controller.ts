import { Body, Param, Post } from '@nestjs/common';
import { ApiAcceptedResponse } from '@nestjs/swagger';
import { CurrentPrincipal } from '../../auth/current-principal.decorator.js';
import type { Principal } from '../../auth/principal.js';
import { Permissions } from '../../auth/permissions/permissions.decorator.js';
import { Call, type GraphCall } from '../../graph/graph-call.js';
import { GraphController } from '../../graph/graph-controller.decorator.js';
import { TargetUser } from '../../users/target-user.decorator.js';
import type { UserRef } from '../../users/user-ref.js';
import { RESET_PASSWORD } from '../authentication.permissions.js';
import { PasswordResetResponseDto } from '../methods/dto/password-method-response.dto.js';
import { ResetPasswordDto } from './dto/reset-password.dto.js';
import { PasswordResetService } from './password-reset.service.js';

/** resetPassword on the password method (graph-spec §2.6.5); its operation is read under `operations`. */
@GraphController('', { tag: 'authentication methods' })
export class PasswordResetController {
  constructor(private readonly passwordReset: PasswordResetService) {}

  /** `/me/...` is routed too, so that asking for oneself is a clear 403 rather than a 404. */
  @Post(['me/authentication/methods/:methodId/resetPassword', 'users/:user/authentication/methods/:methodId/resetPassword'])
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
