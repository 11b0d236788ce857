import { Body, Delete, Get, Headers, Patch, Post } from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';
import { CurrentPrincipal } from '../auth/current-principal.decorator.js';
import { Permissions } from '../auth/permissions/permissions.decorator.js';
import type { Principal } from '../auth/principal.js';
import { Call, type GraphCall } from '../graph/graph-call.js';
import { GraphController } from '../graph/graph-controller.decorator.js';
import { CreateUserDto, UpdateUserDto } from './dto/user.dto.js';
import { TargetUser } from './target-user.decorator.js';
import type { UserRef } from './user-ref.js';
import { USER_PERMISSIONS } from './users.permissions.js';
import { UsersService } from './users.service.js';

@GraphController('', { tag: 'users' })
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get('users')
  @Permissions('List users', USER_PERMISSIONS.list)
  @ApiHeader({ name: 'ConsistencyLevel', required: false, description: '`eventual`: required for $count, ne, not and endsWith.' })
  list(@CurrentPrincipal() p: Principal, @Call() call: GraphCall, @Headers('consistencylevel') consistency?: string) {
    return this.users.list(p, call, consistency);
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

  @Get('users/:user')
  @Permissions('Get user', USER_PERMISSIONS.get)
  get(@CurrentPrincipal() p: Principal, @TargetUser() ref: UserRef, @Call() call: GraphCall) {
    return this.users.get(p, ref, call);
  }

  @Patch('users/:user')
  @Permissions('Update user', USER_PERMISSIONS.write)
  update(@CurrentPrincipal() p: Principal, @TargetUser() ref: UserRef, @Body() dto: UpdateUserDto) {
    return this.users.update(p, ref, dto);
  }

  @Delete('users/:user')
  @Permissions('Delete user', USER_PERMISSIONS.write)
  delete(@CurrentPrincipal() p: Principal, @TargetUser() ref: UserRef) {
    return this.users.delete(p, ref);
  }
}
