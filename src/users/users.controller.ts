import { Body, Delete, Get, Headers, Patch, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiHeader, ApiNoContentResponse, ApiNotFoundResponse, ApiOkResponse } from '@nestjs/swagger';
import { CurrentPrincipal } from '../auth/current-principal.decorator.js';
import { Permissions } from '../auth/permissions/permissions.decorator.js';
import type { Principal } from '../auth/principal.js';
import { Call, type GraphCall } from '../graph/graph-call.js';
import { GraphController } from '../graph/graph-controller.decorator.js';
import { CreateUserDto, UpdateUserDto, UserCollectionDto, UserResponseDto } from './dto/user.dto.js';
import { TargetUser } from './target-user.decorator.js';
import type { UserRef } from './user-ref.js';
import { USER_PERMISSIONS } from './users.permissions.js';
import { UsersService } from './users.service.js';

@GraphController('', { tag: 'users' })
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get('users')
  @Permissions('users.user.ListUser', 'List users', USER_PERMISSIONS.list)
  @ApiOkResponse({ type: UserCollectionDto })
  @ApiHeader({ name: 'ConsistencyLevel', required: false, description: '`eventual`: required for $count, ne, not and endsWith.' })
  list(@CurrentPrincipal() p: Principal, @Call() call: GraphCall, @Headers('consistencylevel') consistency?: string) {
    return this.users.list(p, call, consistency);
  }

  @Post('users')
  @Permissions('users.user.CreateUser', 'Create user', USER_PERMISSIONS.write)
  @ApiCreatedResponse({ type: UserResponseDto, description: 'Created; `Location` names the new user.' })
  create(@CurrentPrincipal() p: Principal, @Body() dto: CreateUserDto, @Call() call: GraphCall) {
    return this.users.create(p, dto, call);
  }

  @Get('me')
  @Permissions('me.user.GetUser', 'Get the signed-in user', USER_PERMISSIONS.me)
  @ApiOkResponse({ type: UserResponseDto, description: 'The signed-in user (created from the token on first use).' })
  me(@CurrentPrincipal() p: Principal, @TargetUser() ref: UserRef, @Call() call: GraphCall) {
    return this.users.get(p, ref, call);
  }

  @Get('users/:user')
  @Permissions('users.user.GetUser', 'Get user', USER_PERMISSIONS.get)
  @ApiOkResponse({ type: UserResponseDto })
  @ApiNotFoundResponse({ description: 'No such user in this tenant (Request_ResourceNotFound).' })
  get(@CurrentPrincipal() p: Principal, @TargetUser() ref: UserRef, @Call() call: GraphCall) {
    return this.users.get(p, ref, call);
  }

  @Patch('users/:user')
  @Permissions('users.user.UpdateUser', 'Update user', USER_PERMISSIONS.write)
  @ApiNoContentResponse({ description: 'Updated.' })
  @ApiNotFoundResponse({ description: 'No such user in this tenant (Request_ResourceNotFound).' })
  update(@CurrentPrincipal() p: Principal, @TargetUser() ref: UserRef, @Body() dto: UpdateUserDto) {
    return this.users.update(p, ref, dto);
  }

  @Delete('users/:user')
  @Permissions('users.user.DeleteUser', 'Delete user', USER_PERMISSIONS.write)
  @ApiNoContentResponse({ description: 'Deleted.' })
  @ApiNotFoundResponse({ description: 'No such user in this tenant (Request_ResourceNotFound).' })
  delete(@CurrentPrincipal() p: Principal, @TargetUser() ref: UserRef) {
    return this.users.delete(p, ref);
  }
}
