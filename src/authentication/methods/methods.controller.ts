import { Get, Param } from '@nestjs/common';
import { ApiExtraModels, ApiNotFoundResponse, ApiOkResponse, ApiProduces } from '@nestjs/swagger';
import { CurrentPrincipal } from '../../auth/current-principal.decorator.js';
import type { Principal } from '../../auth/principal.js';
import { Permissions } from '../../auth/permissions/permissions.decorator.js';
import { countPath } from '../../graph/count.js';
import { Call, type GraphCall } from '../../graph/graph-call.js';
import { GraphController } from '../../graph/graph-controller.decorator.js';
import { TargetUser } from '../../users/target-user.decorator.js';
import type { UserRef } from '../../users/user-ref.js';
import { methodPermissions } from '../authentication.permissions.js';
import { AUTHENTICATION_METHOD_RESPONSE_SCHEMA, AuthenticationMethodCollectionDto, METHOD_ITEM_DTOS } from './dto/methods-response.dto.js';
import { MethodsService } from './methods.service.js';

/** The polymorphic `methods` collection (every family, each item with `@odata.type`); resetPassword is in password-reset/. */
@GraphController('', { tag: 'authentication methods' })
@ApiExtraModels(...METHOD_ITEM_DTOS)
export class MethodsController {
  constructor(private readonly methods: MethodsService) {}

  @Get(['me/authentication/methods', 'users/:user/authentication/methods'])
  @Permissions('users.authentication.ListMethods', 'List all authentication methods', methodPermissions(null, 'read'))
  @ApiOkResponse({ type: AuthenticationMethodCollectionDto })
  list(@CurrentPrincipal() p: Principal, @TargetUser() ref: UserRef, @Call() call: GraphCall) {
    return this.methods.list(p, ref, call, null);
  }

  @Get(countPath(['me/authentication/methods', 'users/:user/authentication/methods']))
  @Permissions('users.authentication.methods.GetCount', 'Count all authentication methods (text/plain)', methodPermissions(null, 'read'))
  @ApiProduces('text/plain')
  @ApiOkResponse({ description: 'How many methods the user has, as plain text.', schema: { type: 'integer' } })
  count(@CurrentPrincipal() p: Principal, @TargetUser() ref: UserRef, @Call() call: GraphCall) {
    return this.methods.count(p, ref, call, null);
  }

  @Get(['me/authentication/methods/:methodId', 'users/:user/authentication/methods/:methodId'])
  @Permissions('users.authentication.GetMethods', 'Get an authentication method', methodPermissions(null, 'read'))
  @ApiOkResponse({ schema: AUTHENTICATION_METHOD_RESPONSE_SCHEMA, description: 'The method, of whichever family, with `@odata.type`.' })
  @ApiNotFoundResponse({ description: 'No such method for this user (itemNotFound).' })
  get(@CurrentPrincipal() p: Principal, @TargetUser() ref: UserRef, @Call() call: GraphCall, @Param('methodId') id: string) {
    return this.methods.get(p, ref, call, null, id);
  }
}
