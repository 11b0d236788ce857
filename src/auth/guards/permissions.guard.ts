import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { GraphErrors } from '../../graph/errors/graph.exception.js';
import { userRefOf } from '../../users/user-ref.js';
import { evaluatePermissions } from '../permissions/evaluate.js';
import type { PermissionTable } from '../permissions/permission-table.js';
import { PERMISSIONS } from '../permissions/permissions.decorator.js';
import { IS_PUBLIC } from '../public.decorator.js';

/**
 * Second global guard: the handler's Graph permission table. Deny by default: a route that is
 * neither @Public() nor declares @Permissions(...) answers 403 to everyone.
 */
@Injectable()
export class PermissionsGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const table = this.reflector.get<PermissionTable | undefined>(PERMISSIONS, context.getHandler());
    if (!table) throw GraphErrors.forbidden();
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const principal = request.user;
    if (!principal) throw GraphErrors.forbidden();
    const denied = evaluatePermissions(table, principal, userRefOf(request, principal));
    if (denied) throw denied;
    return true;
  }
}
