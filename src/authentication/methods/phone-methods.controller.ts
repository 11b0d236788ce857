import { Body, Param, Patch, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse } from '@nestjs/swagger';
import { CurrentPrincipal } from '../../auth/current-principal.decorator.js';
import type { Principal } from '../../auth/principal.js';
import { Permissions } from '../../auth/permissions/permissions.decorator.js';
import { Call, type GraphCall } from '../../graph/graph-call.js';
import { GraphController } from '../../graph/graph-controller.decorator.js';
import { NoParameters, NoParametersDto } from '../../graph/validation/no-parameters.dto.js';
import { TargetUser } from '../../users/target-user.decorator.js';
import type { UserRef } from '../../users/user-ref.js';
import { methodPermissions } from '../authentication.permissions.js';
import { CreatePhoneMethodDto, UpdatePhoneMethodDto } from './dto/phone-method.dto.js';
import { PHONE_METHOD_RESPONSES } from './dto/phone-method-response.dto.js';
import { PhoneMethodsService } from './phone-methods.service.js';

/** Self-service phone registration is not offered by today's Graph (graph-spec §2.5). */
const LOCATION = { Location: { description: 'The new phone method.', schema: { type: 'string', format: 'uri' } } } as const;

const NO_SELF_PHONE = 'Users cannot add or update phone methods on their own account; an administrator must do it.';

/** Phone writes; list, get and delete come from the family registry (families/family.controllers.ts). */
@GraphController('', { tag: 'authentication methods' })
export class PhoneMethodsController {
  constructor(private readonly service: PhoneMethodsService) {}

  @Post(['me/authentication/phoneMethods', 'users/:user/authentication/phoneMethods'])
  @Permissions(
    'users.authentication.CreatePhoneMethods',
    'Create a phone method',
    methodPermissions('Phone', 'write', { selfWrite: false, selfNotSupportedReason: NO_SELF_PHONE }),
  )
  @ApiCreatedResponse({
    type: PHONE_METHOD_RESPONSES.entity,
    description: "Created; the id is the phone type's fixed id, `Location` names it.",
    headers: LOCATION,
  })
  create(@CurrentPrincipal() p: Principal, @TargetUser() ref: UserRef, @Call() call: GraphCall, @Body() dto: CreatePhoneMethodDto) {
    return this.service.create(p, ref, call, dto);
  }

  @Patch(['me/authentication/phoneMethods/:methodId', 'users/:user/authentication/phoneMethods/:methodId'])
  @Permissions(
    'users.authentication.UpdatePhoneMethods',
    'Update a phone method',
    methodPermissions('Phone', 'write', { selfWrite: false, selfNotSupportedReason: NO_SELF_PHONE }),
  )
  @ApiNoContentResponse({ description: 'Updated.' })
  update(@CurrentPrincipal() p: Principal, @TargetUser() ref: UserRef, @Param('methodId') id: string, @Body() dto: UpdatePhoneMethodDto) {
    return this.service.update(p, ref, id, dto);
  }

  @Post(['me/authentication/phoneMethods/:methodId/enableSmsSignIn', 'users/:user/authentication/phoneMethods/:methodId/enableSmsSignIn'])
  @Permissions('users.authentication.phoneMethods.enableSmsSignIn', 'Enable SMS sign-in for the mobile phone', methodPermissions('Phone', 'write'))
  @ApiNoContentResponse({ description: 'SMS sign-in is on (see `smsSignInState`).' })
  @NoParameters()
  enableSmsSignIn(@CurrentPrincipal() p: Principal, @TargetUser() ref: UserRef, @Param('methodId') id: string, @Body() _none: NoParametersDto) {
    return this.service.setSmsSignIn(p, ref, id, true);
  }

  @Post(['me/authentication/phoneMethods/:methodId/disableSmsSignIn', 'users/:user/authentication/phoneMethods/:methodId/disableSmsSignIn'])
  @Permissions('users.authentication.phoneMethods.disableSmsSignIn', 'Disable SMS sign-in for the mobile phone', methodPermissions('Phone', 'write'))
  @ApiNoContentResponse({ description: 'SMS sign-in is off.' })
  @NoParameters()
  disableSmsSignIn(@CurrentPrincipal() p: Principal, @TargetUser() ref: UserRef, @Param('methodId') id: string, @Body() _none: NoParametersDto) {
    return this.service.setSmsSignIn(p, ref, id, false);
  }
}

/**
 * Beta binds enableSmsSignIn/disableSmsSignIn to `authenticationMethod` too (graph-metadata: beta
 * paths), and the beta SDKs call them on `methods/{id}`: the same rules, the method must be a phone.
 */
@GraphController('', { tag: 'authentication methods', versions: ['beta'] })
export class MethodSmsSignInController {
  constructor(private readonly service: PhoneMethodsService) {}

  @Post(['me/authentication/methods/:methodId/enableSmsSignIn', 'users/:user/authentication/methods/:methodId/enableSmsSignIn'])
  @Permissions(
    'users.authentication.methods.enableSmsSignIn',
    'Enable SMS sign-in for the mobile phone (beta, on methods)',
    methodPermissions('Phone', 'write'),
  )
  @ApiNoContentResponse({ description: 'SMS sign-in is on (see `smsSignInState`).' })
  @NoParameters()
  enableSmsSignIn(@CurrentPrincipal() p: Principal, @TargetUser() ref: UserRef, @Param('methodId') id: string, @Body() _none: NoParametersDto) {
    return this.service.setSmsSignIn(p, ref, id, true);
  }

  @Post(['me/authentication/methods/:methodId/disableSmsSignIn', 'users/:user/authentication/methods/:methodId/disableSmsSignIn'])
  @Permissions(
    'users.authentication.methods.disableSmsSignIn',
    'Disable SMS sign-in for the mobile phone (beta, on methods)',
    methodPermissions('Phone', 'write'),
  )
  @ApiNoContentResponse({ description: 'SMS sign-in is off.' })
  @NoParameters()
  disableSmsSignIn(@CurrentPrincipal() p: Principal, @TargetUser() ref: UserRef, @Param('methodId') id: string, @Body() _none: NoParametersDto) {
    return this.service.setSmsSignIn(p, ref, id, false);
  }
}
