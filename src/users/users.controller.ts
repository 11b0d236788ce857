import { Body, Delete, Get, Headers, HttpCode, Patch, Post } from '@nestjs/common';
import { ApiExcludeEndpoint, ApiHeader, ApiNoContentResponse, ApiOkResponse, ApiProduces, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { CurrentPrincipal } from '../auth/current-principal.decorator.js';
import { Permissions } from '../auth/permissions/permissions.decorator.js';
import type { Principal } from '../auth/principal.js';
import { Call, type GraphCall } from '../graph/graph-call.js';
import { GraphController } from '../graph/graph-controller.decorator.js';
import { countPath } from '../graph/count.js';
import { GetByIdsDto } from './dto/get-by-ids.dto.js';
import { ValidatePropertiesDto } from './dto/validate-properties.dto.js';
import { CreateUserDto, UpdateUserDto } from './dto/user.dto.js';
import { TargetUser } from './target-user.decorator.js';
import { ALTERNATE_KEY_ROUTE, type UserRef } from './user-ref.js';
import { USER_PERMISSIONS } from './users.permissions.js';
import { UsersDeltaService } from './users-delta.service.js';
import { UsersService } from './users.service.js';

const USER_ITEM = 'users/:user';
/**
 * The alternate key `/users(userPrincipalName='…')`: same handlers, routed separately because the
 * Swagger explorer's path parser refuses `(`; documented through `{id | userPrincipalName}`.
 */
const ALTERNATE_KEY = `${ALTERNATE_KEY_ROUTE}:user`;
const CONSISTENCY = { name: 'ConsistencyLevel', required: false, description: '`eventual`: required for $count, ne, not and endsWith.' };

@GraphController('', { tag: 'users' })
export class UsersController {
  constructor(
    private readonly users: UsersService,
    private readonly deltas: UsersDeltaService,
  ) {}

  @Get('users')
  @Permissions('List users', USER_PERMISSIONS.list)
  @ApiHeader(CONSISTENCY)
  list(@CurrentPrincipal() p: Principal, @Call() call: GraphCall, @Headers('consistencylevel') consistency?: string) {
    return this.users.list(p, call, consistency);
  }

  @Get(countPath('users'))
  @Permissions('Count users (text/plain)', USER_PERMISSIONS.list)
  @ApiHeader({ ...CONSISTENCY, required: true, description: '`eventual` (required).' })
  @ApiProduces('text/plain')
  @ApiOkResponse({ description: 'The number of users (matching `$filter`), as plain text.', schema: { type: 'integer' } })
  count(@CurrentPrincipal() p: Principal, @Call() call: GraphCall, @Headers('consistencylevel') consistency?: string) {
    return this.users.count(p, call, consistency);
  }

  @Get('users/delta')
  @Permissions('Track changes to users (delta query)', USER_PERMISSIONS.list)
  @ApiOkResponse({ description: 'A page of users (and `@removed` entries), with `@odata.nextLink` or, on the last page, `@odata.deltaLink`.' })
  delta(@CurrentPrincipal() p: Principal, @Call() call: GraphCall) {
    return this.deltas.delta(p, call);
  }

  /** `delta()`: the function-call spelling, which Graph's own links use. */
  @Get('users/delta()')
  @ApiExcludeEndpoint()
  @Permissions('Track changes to users (delta query)', USER_PERMISSIONS.list)
  deltaCall(@CurrentPrincipal() p: Principal, @Call() call: GraphCall) {
    return this.deltas.delta(p, call);
  }

  @Post(['directoryObjects/getByIds', 'users/getByIds'])
  @HttpCode(200)
  @Permissions('Get directory objects by ids', USER_PERMISSIONS.getByIds)
  @ApiOkResponse({ description: 'The users among `ids`, each with `@odata.type`; unknown ids are left out.' })
  getByIds(@CurrentPrincipal() p: Principal, @Body() dto: GetByIdsDto, @Call() call: GraphCall) {
    return this.users.getByIds(p, dto, call);
  }

  @Post(['directoryObjects/validateProperties', 'users/validateProperties'])
  @Permissions("Validate a new Microsoft 365 group's display name and mail alias", USER_PERMISSIONS.validateProperties)
  @ApiNoContentResponse({ description: 'The names are valid.' })
  @ApiUnprocessableEntityResponse({ description: 'A name breaks a rule (`Request_UnprocessableEntity`, one `details` entry per property).' })
  validateProperties(@CurrentPrincipal() p: Principal, @Body() dto: ValidatePropertiesDto) {
    return this.users.validateProperties(p, dto);
  }

  @Post('users')
  @Permissions('Create user', USER_PERMISSIONS.write)
  create(@CurrentPrincipal() p: Principal, @Body() dto: CreateUserDto, @Call() call: GraphCall) {
    return this.users.create(p, dto, call);
  }

  @Get('me')
  @Permissions('Get the signed-in user', USER_PERMISSIONS.me)
  me(@CurrentPrincipal() p: Principal, @TargetUser() ref: UserRef, @Call() call: GraphCall) {
    return this.users.get(p, ref, call);
  }

  @Patch('me')
  @Permissions('Update the signed-in user', USER_PERMISSIONS.update)
  updateMe(@CurrentPrincipal() p: Principal, @TargetUser() ref: UserRef, @Body() dto: UpdateUserDto) {
    return this.users.update(p, ref, dto);
  }

  @Get(USER_ITEM)
  @Permissions('Get user', USER_PERMISSIONS.get)
  get(@CurrentPrincipal() p: Principal, @TargetUser() ref: UserRef, @Call() call: GraphCall) {
    return this.users.get(p, ref, call);
  }

  @Patch(USER_ITEM)
  @Permissions('Update user', USER_PERMISSIONS.update)
  update(@CurrentPrincipal() p: Principal, @TargetUser() ref: UserRef, @Body() dto: UpdateUserDto) {
    return this.users.update(p, ref, dto);
  }

  @Delete(USER_ITEM)
  @Permissions('Delete user', USER_PERMISSIONS.write)
  delete(@CurrentPrincipal() p: Principal, @TargetUser() ref: UserRef) {
    return this.users.delete(p, ref);
  }

  @Get(ALTERNATE_KEY)
  @ApiExcludeEndpoint()
  @Permissions('Get user', USER_PERMISSIONS.get)
  getByKey(@CurrentPrincipal() p: Principal, @TargetUser() ref: UserRef, @Call() call: GraphCall) {
    return this.users.get(p, ref, call);
  }

  @Patch(ALTERNATE_KEY)
  @ApiExcludeEndpoint()
  @Permissions('Update user', USER_PERMISSIONS.update)
  updateByKey(@CurrentPrincipal() p: Principal, @TargetUser() ref: UserRef, @Body() dto: UpdateUserDto) {
    return this.users.update(p, ref, dto);
  }

  @Delete(ALTERNATE_KEY)
  @ApiExcludeEndpoint()
  @Permissions('Delete user', USER_PERMISSIONS.write)
  deleteByKey(@CurrentPrincipal() p: Principal, @TargetUser() ref: UserRef) {
    return this.users.delete(p, ref);
  }
}
