import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { AppConfig } from '../../config/app-config.js';
import { GraphErrors, GraphException } from '../../graph/errors/graph.exception.js';
import { userRefOf } from '../../users/user-ref.js';
import { evaluatePermissions } from '../permissions/evaluate.js';
import type { PermissionTable } from '../permissions/permission-table.js';
import { PERMISSIONS } from '../permissions/permissions.decorator.js';
import { IS_PUBLIC } from '../public.decorator.js';
import { acceptedFor, heldBy } from './denial.js';

/**
 * The pipeline's permission stage: the handler's Graph permission table. Deny by default: a route that is
 * neither @Public() nor declares @Permissions(...) answers 403 to everyone.
 */
@Injectable()
export class PermissionsGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly config: AppConfig,
  ) {}

  /** handler → its table, or 'public': decorators do not change, so the metadata is read once per handler. */
  private readonly tables = new WeakMap<object, PermissionTable | 'public' | null>();

  canActivate(context: ExecutionContext): boolean {
    const table = this.tableOf(context);
    if (table === 'public') return true;
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    if (!table) {
      request.log.info({ status: 403 }, `403 for ${request.method} ${request.url}: the operation declares no permission table (denied by default)`);
      throw GraphErrors.forbidden();
    }
    const principal = request.user;
    if (!principal) throw GraphErrors.forbidden();
    const target = userRefOf(request, principal);
    const denied = evaluatePermissions(table, principal, target);
    if (!denied) return true;
    if (denied.getStatus() !== 403) throw denied;
    // Graph's message stays as it is; the operator learns which row refused which claims.
    const accepted = acceptedFor(table, principal, target);
    request.log.info(
      { status: 403, code: denied.code, accepted, token: heldBy(principal) },
      `403 ${denied.code} for ${request.method} ${request.url}: the permission table accepts ${accepted}; the ${heldBy(principal)}`,
    );
    if (this.config.env !== 'development') throw denied;
    return this.withAccepted(denied, accepted);
  }

  private tableOf(context: ExecutionContext): PermissionTable | 'public' | null {
    const handler = context.getHandler();
    let table = this.tables.get(handler);
    if (table === undefined) {
      table = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [handler, context.getClass()])
        ? 'public'
        : (this.reflector.get<PermissionTable | undefined>(PERMISSIONS, handler) ?? null);
      this.tables.set(handler, table);
    }
    return table;
  }

  /** In development only, the response names what the operation accepts (innerError.acceptedPermissions). */
  private withAccepted(denied: GraphException, accepted: string): never {
    throw new GraphException(denied.getStatus(), denied.code, denied.message, denied.headers, {
      ...denied.innerError,
      acceptedPermissions: accepted,
    });
  }
}
