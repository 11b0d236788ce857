import { Body, Get, Patch, Post } from '@nestjs/common';
import { CurrentPrincipal } from '../auth/current-principal.decorator.js';
import type { Principal } from '../auth/principal.js';
import { Permissions } from '../auth/permissions/permissions.decorator.js';
import { Call, type GraphCall } from '../graph/graph-call.js';
import { GraphController } from '../graph/graph-controller.decorator.js';
import { TargetUser } from '../users/target-user.decorator.js';
import type { UserRef } from '../users/user-ref.js';
import { methodPermissions, READ_REQUIREMENTS, WRITE_REQUIREMENTS } from './authentication.permissions.js';
import { AuthenticationService } from './authentication.service.js';
import { CreateAuthenticationDto, RequirementsDto, SignInPreferencesDto } from './dto/authentication.dto.js';
import { userPaths } from './user-paths.js';

/** `{u}/authentication` itself (DECISIONS §3). */
@GraphController('', { tag: 'authentication' })
export class AuthenticationController {
  constructor(private readonly service: AuthenticationService) {}

  @Get(userPaths())
  @Permissions('Get a user\'s authentication object', methodPermissions(null, 'read'))
  get(@CurrentPrincipal() p: Principal, @TargetUser() ref: UserRef, @Call() call: GraphCall) {
    return this.service.get(p, ref, call);
  }

  @Post(userPaths())
  @Permissions(
    'Create authentication (idempotent: 201 when created, 200 when the user already has one)',
    methodPermissions(null, 'write'),
  )
  create(@CurrentPrincipal() p: Principal, @TargetUser() ref: UserRef, @Call() call: GraphCall, @Body() dto: CreateAuthenticationDto) {
    return this.service.create(p, ref, call, dto);
  }
}

/** beta authentication states (graph-spec §2.3). */
@GraphController('', { tag: 'authentication', versions: ['beta'] })
export class AuthenticationStatesController {
  constructor(private readonly service: AuthenticationService) {}

  @Get(userPaths('/signInPreferences'))
  @Permissions('Get sign-in preferences (beta)', methodPermissions(null, 'read'))
  getSignInPreferences(@CurrentPrincipal() p: Principal, @TargetUser() ref: UserRef, @Call() call: GraphCall) {
    return this.service.getSignInPreferences(p, ref, call);
  }

  @Patch(userPaths('/signInPreferences'))
  @Permissions('Update sign-in preferences (beta)', methodPermissions(null, 'write'))
  updateSignInPreferences(@CurrentPrincipal() p: Principal, @TargetUser() ref: UserRef, @Body() dto: SignInPreferencesDto) {
    return this.service.updateSignInPreferences(p, ref, dto);
  }

  @Get(userPaths('/requirements'))
  @Permissions('Get per-user MFA state (beta)', READ_REQUIREMENTS)
  getRequirements(@CurrentPrincipal() p: Principal, @TargetUser() ref: UserRef, @Call() call: GraphCall) {
    return this.service.getRequirements(p, ref, call);
  }

  @Patch(userPaths('/requirements'))
  @Permissions('Update per-user MFA state (beta)', WRITE_REQUIREMENTS)
  updateRequirements(@CurrentPrincipal() p: Principal, @TargetUser() ref: UserRef, @Body() dto: RequirementsDto) {
    return this.service.updateRequirements(p, ref, dto);
  }
}
