import { Body, Get, Patch, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiExtraModels, ApiNoContentResponse, ApiOkResponse, getSchemaPath } from '@nestjs/swagger';
import { CurrentPrincipal } from '../../auth/current-principal.decorator.js';
import type { Principal } from '../../auth/principal.js';
import { Permissions } from '../../auth/permissions/permissions.decorator.js';
import { Call, type GraphCall } from '../../graph/graph-call.js';
import { GraphController } from '../../graph/graph-controller.decorator.js';
import { TargetUser } from '../../users/target-user.decorator.js';
import type { UserRef } from '../../users/user-ref.js';
import { methodPermissions, READ_REQUIREMENTS, WRITE_REQUIREMENTS } from '../authentication.permissions.js';
import { AuthenticationService } from './authentication.service.js';
import { CreateAuthenticationDto, RequirementsDto, SignInPreferencesDto } from './dto/authentication.dto.js';
import { AuthenticationDto, BetaAuthenticationDto, RequirementsResponseDto, SignInPreferencesResponseDto } from './dto/authentication-response.dto.js';

/** `{u}/authentication` itself (DECISIONS §3). */
@GraphController('', { tag: 'authentication' })
@ApiExtraModels(AuthenticationDto, BetaAuthenticationDto)
export class AuthenticationController {
  constructor(private readonly service: AuthenticationService) {}

  @Get(['me/authentication', 'users/:user/authentication'])
  @Permissions('users.GetAuthentication', "Get a user's authentication object", methodPermissions(null, 'read'))
  @ApiOkResponse({
    description: 'v1.0: `AuthenticationDto`; beta adds `signInPreferences` and `requirements` (`BetaAuthenticationDto`).',
    schema: { anyOf: [{ $ref: getSchemaPath(AuthenticationDto) }, { $ref: getSchemaPath(BetaAuthenticationDto) }] },
  })
  get(@CurrentPrincipal() p: Principal, @TargetUser() ref: UserRef, @Call() call: GraphCall) {
    return this.service.get(p, ref, call);
  }

  @Post(['me/authentication', 'users/:user/authentication'])
  @Permissions(
    'users.CreateAuthentication',
    'Create authentication (idempotent: 201 when created, 200 when the user already has one)',
    methodPermissions(null, 'write'),
  )
  @ApiCreatedResponse({
    type: AuthenticationDto,
    description: 'Created (both versions return this shape); `Location` names it.',
    headers: { Location: { description: "The user's authentication object.", schema: { type: 'string', format: 'uri' } } },
  })
  @ApiOkResponse({ type: AuthenticationDto, description: 'The user already had one: it is returned unchanged.' })
  create(@CurrentPrincipal() p: Principal, @TargetUser() ref: UserRef, @Call() call: GraphCall, @Body() dto: CreateAuthenticationDto) {
    return this.service.create(p, ref, call, dto);
  }
}

/** beta authentication states (graph-spec §2.3). */
@GraphController('', { tag: 'authentication', versions: ['beta'] })
export class AuthenticationStatesController {
  constructor(private readonly service: AuthenticationService) {}

  @Get(['me/authentication/signInPreferences', 'users/:user/authentication/signInPreferences'])
  @Permissions('users.authentication.GetSignInPreferences', 'Get sign-in preferences (beta)', methodPermissions(null, 'read'))
  @ApiOkResponse({ type: SignInPreferencesResponseDto })
  getSignInPreferences(@CurrentPrincipal() p: Principal, @TargetUser() ref: UserRef, @Call() call: GraphCall) {
    return this.service.getSignInPreferences(p, ref, call);
  }

  @Patch(['me/authentication/signInPreferences', 'users/:user/authentication/signInPreferences'])
  @Permissions('users.authentication.UpdateSignInPreferences', 'Update sign-in preferences (beta)', methodPermissions(null, 'write'))
  @ApiNoContentResponse({ description: 'Updated.' })
  updateSignInPreferences(@CurrentPrincipal() p: Principal, @TargetUser() ref: UserRef, @Body() dto: SignInPreferencesDto) {
    return this.service.updateSignInPreferences(p, ref, dto);
  }

  @Get(['me/authentication/requirements', 'users/:user/authentication/requirements'])
  @Permissions('users.authentication.GetRequirements', 'Get per-user MFA state (beta)', READ_REQUIREMENTS)
  @ApiOkResponse({ type: RequirementsResponseDto })
  getRequirements(@CurrentPrincipal() p: Principal, @TargetUser() ref: UserRef, @Call() call: GraphCall) {
    return this.service.getRequirements(p, ref, call);
  }

  @Patch(['me/authentication/requirements', 'users/:user/authentication/requirements'])
  @Permissions('users.authentication.UpdateRequirements', 'Update per-user MFA state (beta)', WRITE_REQUIREMENTS)
  @ApiNoContentResponse({ description: 'Updated.' })
  updateRequirements(@CurrentPrincipal() p: Principal, @TargetUser() ref: UserRef, @Body() dto: RequirementsDto) {
    return this.service.updateRequirements(p, ref, dto);
  }
}
