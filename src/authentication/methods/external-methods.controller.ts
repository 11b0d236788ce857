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
import { methodPermissions } from '../authentication.permissions.js';
import { EXTERNAL_METHOD_RESPONSES } from './dto/external-method-response.dto.js';
import { ExternalMethodsService } from './external-methods.service.js';

const READ = methodPermissions('External', 'read');

/** List, count and get of external authentication methods (none can exist yet: see the service). */
@GraphController('', { tag: 'authentication methods' })
export class ExternalMethodsController {
  constructor(private readonly service: ExternalMethodsService) {}

  @Get(['me/authentication/externalAuthenticationMethods', 'users/:user/authentication/externalAuthenticationMethods'])
  @Permissions('users.authentication.ListExternalAuthenticationMethods', 'List external authentication methods', READ)
  @ApiOkResponse({ type: EXTERNAL_METHOD_RESPONSES.collection, description: "The user's external authentication methods: always empty here." })
  list(@CurrentPrincipal() p: Principal, @TargetUser() ref: UserRef, @Call() call: GraphCall) {
    return this.service.list(p, ref, call);
  }

  @Get(countPath(['me/authentication/externalAuthenticationMethods', 'users/:user/authentication/externalAuthenticationMethods']))
  @Permissions('users.authentication.externalAuthenticationMethods.GetCount', 'Count external authentication methods (text/plain)', READ)
  @ApiProduces('text/plain')
  @ApiOkResponse({ description: 'Always 0 here, as plain text.', schema: { type: 'integer' } })
  count(@CurrentPrincipal() p: Principal, @TargetUser() ref: UserRef, @Call() call: GraphCall) {
    return this.service.count(p, ref, call);
  }

  @Get(['me/authentication/externalAuthenticationMethods/:methodId', 'users/:user/authentication/externalAuthenticationMethods/:methodId'])
  @Permissions('users.authentication.GetExternalAuthenticationMethods', 'Get an external authentication method', READ)
  @ApiOkResponse({ type: EXTERNAL_METHOD_RESPONSES.entity })
  @ApiNotFoundResponse({ description: 'No such method for this user (itemNotFound).' })
  get(@CurrentPrincipal() p: Principal, @TargetUser() ref: UserRef, @Call() call: GraphCall, @Param('methodId') id: string) {
    return this.service.get(p, ref, call, id);
  }
}
