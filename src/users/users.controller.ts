import { Body, Delete, Get, Headers, HttpCode, Patch, Post } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiExcludeEndpoint,
  ApiHeader,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiProduces,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { CurrentPrincipal } from '../auth/current-principal.decorator.js';
import { Permissions } from '../auth/permissions/permissions.decorator.js';
import type { Principal } from '../auth/principal.js';
import { Call, type GraphCall } from '../graph/graph-call.js';
import { GraphController } from '../graph/graph-controller.decorator.js';
import { countPath } from '../graph/count.js';
import { NoParameters, NoParametersDto } from '../graph/validation/no-parameters.dto.js';
import { GetByIdsDto } from './dto/get-by-ids.dto.js';
import { ValidatePropertiesDto } from './dto/validate-properties.dto.js';
import { CreateUserDto, UpdateUserDto, UserCollectionDto, UserDeltaPageDto, UserResponseDto } from './dto/user.dto.js';
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
  @Permissions('users.user.ListUser', 'List users', USER_PERMISSIONS.list)
  @ApiOkResponse({ type: UserCollectionDto })
  @ApiHeader(CONSISTENCY)
  list(@CurrentPrincipal() p: Principal, @Call() call: GraphCall, @Headers('consistencylevel') consistency?: string) {
    return this.users.list(p, call, consistency);
  }

  @Get(countPath('users'))
  @Permissions('users.user.GetCount', 'Count users (text/plain)', USER_PERMISSIONS.list)
  @ApiHeader({ ...CONSISTENCY, required: true, description: '`eventual` (required).' })
  @ApiProduces('text/plain')
  @ApiOkResponse({ description: 'The number of users (matching `$filter`), as plain text.', schema: { type: 'integer' } })
  count(@CurrentPrincipal() p: Principal, @Call() call: GraphCall, @Headers('consistencylevel') consistency?: string) {
    return this.users.count(p, call, consistency);
  }

  @Get('users/delta')
  @Permissions('users.user.delta', 'Track changes to users (delta query)', USER_PERMISSIONS.list)
  @ApiOkResponse({
    type: UserDeltaPageDto,
    description: 'A page of users (and `@removed` entries), with `@odata.nextLink` or, on the last page, `@odata.deltaLink`.',
  })
  delta(@CurrentPrincipal() p: Principal, @Call() call: GraphCall) {
    return this.deltas.delta(p, call);
  }

  /** `delta()`: the function-call spelling, which Graph's own links use. */
  @Get('users/delta()')
  @ApiExcludeEndpoint()
  @Permissions('users.user.deltaFunction', 'Track changes to users (delta query)', USER_PERMISSIONS.list)
  deltaCall(@CurrentPrincipal() p: Principal, @Call() call: GraphCall) {
    return this.deltas.delta(p, call);
  }

  @Post('directoryObjects/getByIds')
  @HttpCode(200)
  @Permissions('directoryObjects.directoryObject.getByIds', 'Get directory objects by ids', USER_PERMISSIONS.getByIds)
  @ApiOkResponse({ description: 'The users among `ids`, each with `@odata.type`; unknown ids are left out.' })
  getByIds(@CurrentPrincipal() p: Principal, @Body() dto: GetByIdsDto, @Call() call: GraphCall) {
    return this.users.getByIds(p, dto, call);
  }

  /** The same action bound to `users` (Graph serves both). */
  @Post('users/getByIds')
  @HttpCode(200)
  @Permissions('users.user.getByIds', 'Get directory objects by ids', USER_PERMISSIONS.getByIds)
  @ApiOkResponse({ description: 'The users among `ids`, each with `@odata.type`; unknown ids are left out.' })
  usersGetByIds(@CurrentPrincipal() p: Principal, @Body() dto: GetByIdsDto, @Call() call: GraphCall) {
    return this.users.getByIds(p, dto, call);
  }

  @Post('directoryObjects/validateProperties')
  @Permissions(
    'directoryObjects.directoryObject.validateProperties',
    "Validate a new Microsoft 365 group's display name and mail alias",
    USER_PERMISSIONS.validateProperties,
  )
  @ApiNoContentResponse({ description: 'The names are valid.' })
  @ApiUnprocessableEntityResponse({ description: 'A name breaks a rule (`Request_UnprocessableEntity`, one `details` entry per property).' })
  validateProperties(@CurrentPrincipal() p: Principal, @Body() dto: ValidatePropertiesDto) {
    return this.users.validateProperties(p, dto);
  }

  @Post('users/validateProperties')
  @Permissions('users.user.validateProperties', "Validate a new Microsoft 365 group's display name and mail alias", USER_PERMISSIONS.validateProperties)
  @ApiNoContentResponse({ description: 'The names are valid.' })
  @ApiUnprocessableEntityResponse({ description: 'A name breaks a rule (`Request_UnprocessableEntity`, one `details` entry per property).' })
  usersValidateProperties(@CurrentPrincipal() p: Principal, @Body() dto: ValidatePropertiesDto) {
    return this.users.validateProperties(p, dto);
  }

  @Post('users')
  @Permissions('users.user.CreateUser', 'Create user', USER_PERMISSIONS.write)
  @ApiCreatedResponse({ type: UserResponseDto, description: 'Created; `Location` names the new user.' })
  create(@CurrentPrincipal() p: Principal, @Body() dto: CreateUserDto, @Call() call: GraphCall) {
    return this.users.create(p, dto, call);
  }

  @Get('me')
  @Permissions('me.user.GetUser', 'Get the signed-in user', USER_PERMISSIONS.me)
  @ApiOkResponse({ type: UserResponseDto })
  me(@CurrentPrincipal() p: Principal, @TargetUser() ref: UserRef, @Call() call: GraphCall) {
    return this.users.get(p, ref, call);
  }

  @Patch('me')
  @Permissions('me.user.UpdateUser', 'Update the signed-in user', USER_PERMISSIONS.update)
  @ApiNoContentResponse({ description: 'Updated.' })
  updateMe(@CurrentPrincipal() p: Principal, @TargetUser() ref: UserRef, @Body() dto: UpdateUserDto) {
    return this.users.update(p, ref, dto);
  }

  @Get(USER_ITEM)
  @Permissions('users.user.GetUser', 'Get user', USER_PERMISSIONS.get)
  @ApiOkResponse({ type: UserResponseDto })
  @ApiNotFoundResponse({ description: 'No such user in this tenant (Request_ResourceNotFound).' })
  get(@CurrentPrincipal() p: Principal, @TargetUser() ref: UserRef, @Call() call: GraphCall) {
    return this.users.get(p, ref, call);
  }

  @Patch(USER_ITEM)
  @Permissions('users.user.UpdateUser', 'Update user', USER_PERMISSIONS.update)
  @ApiNoContentResponse({ description: 'Updated.' })
  @ApiNotFoundResponse({ description: 'No such user in this tenant (Request_ResourceNotFound).' })
  update(@CurrentPrincipal() p: Principal, @TargetUser() ref: UserRef, @Body() dto: UpdateUserDto) {
    return this.users.update(p, ref, dto);
  }

  @Delete(USER_ITEM)
  @Permissions('users.user.DeleteUser', 'Delete user', USER_PERMISSIONS.write)
  @ApiNoContentResponse({ description: 'Deleted.' })
  @ApiNotFoundResponse({ description: 'No such user in this tenant (Request_ResourceNotFound).' })
  delete(@CurrentPrincipal() p: Principal, @TargetUser() ref: UserRef) {
    return this.users.delete(p, ref);
  }

  @Post(['me/revokeSignInSessions', `${USER_ITEM}/revokeSignInSessions`])
  @HttpCode(200)
  @Permissions('users.user.revokeSignInSessions', 'Revoke sign-in sessions (tokens issued before are refused)', USER_PERMISSIONS.revokeSignInSessions)
  @ApiOkResponse({ description: '`{"value": true}`' })
  @ApiNotFoundResponse({ description: 'No such user in this tenant (Request_ResourceNotFound).' })
  @NoParameters()
  revokeSignInSessions(@CurrentPrincipal() p: Principal, @TargetUser() ref: UserRef, @Call() call: GraphCall, @Body() _none: NoParametersDto) {
    return this.users.revokeSignInSessions(p, ref, call);
  }

  @Post(`${ALTERNATE_KEY}/revokeSignInSessions`)
  @HttpCode(200)
  @ApiExcludeEndpoint()
  @Permissions('users.user.revokeSignInSessionsByUserPrincipalName', 'Revoke sign-in sessions', USER_PERMISSIONS.revokeSignInSessions)
  revokeSignInSessionsByKey(@CurrentPrincipal() p: Principal, @TargetUser() ref: UserRef, @Call() call: GraphCall, @Body() _none: NoParametersDto) {
    return this.users.revokeSignInSessions(p, ref, call);
  }

  @Get(ALTERNATE_KEY)
  @ApiExcludeEndpoint()
  @Permissions('users.user.GetUserByUserPrincipalName', 'Get user', USER_PERMISSIONS.get)
  getByKey(@CurrentPrincipal() p: Principal, @TargetUser() ref: UserRef, @Call() call: GraphCall) {
    return this.users.get(p, ref, call);
  }

  @Patch(ALTERNATE_KEY)
  @ApiExcludeEndpoint()
  @Permissions('users.user.UpdateUserByUserPrincipalName', 'Update user', USER_PERMISSIONS.update)
  updateByKey(@CurrentPrincipal() p: Principal, @TargetUser() ref: UserRef, @Body() dto: UpdateUserDto) {
    return this.users.update(p, ref, dto);
  }

  @Delete(ALTERNATE_KEY)
  @ApiExcludeEndpoint()
  @Permissions('users.user.DeleteUserByUserPrincipalName', 'Delete user', USER_PERMISSIONS.write)
  deleteByKey(@CurrentPrincipal() p: Principal, @TargetUser() ref: UserRef) {
    return this.users.delete(p, ref);
  }
}
