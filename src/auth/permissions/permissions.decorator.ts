import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiExtension, ApiForbiddenResponse, ApiOperation, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { assertGraphOperationId, type GraphOperationId } from '../../graph/openapi/operation-ids.js';
import type { PermissionTable } from './permission-table.js';
import { renderPermissionTable } from './permission-table.markdown.js';

export const PERMISSIONS = 'graph:permissions';
/** The handler's stable, Graph-like operation id (see graph/openapi/operation-ids.ts). */
export const OPERATION_ID = 'graph:operationId';

/**
 * Declares a handler's Graph operation id and permission table: the global guard enforces the table,
 * Swagger prints it, and test/permissions.snapshot makes every change visible in review. Routes
 * without one are refused. The id is Graph's `operationId` for the `/users/...` form of the route
 * (`users.authentication.ListPhoneMethods`); the `/me/...` form is documented as `me.…` automatically.
 */
export function Permissions(operationId: GraphOperationId, summary: string, table: PermissionTable) {
  assertGraphOperationId(operationId);
  return applyDecorators(
    SetMetadata(PERMISSIONS, table),
    SetMetadata(OPERATION_ID, operationId),
    ApiOperation({ operationId, summary, description: renderPermissionTable(table) }),
    ApiExtension('x-ms-permissions', table),
    ApiUnauthorizedResponse({ description: 'Missing or invalid access token (InvalidAuthenticationToken).' }),
    ApiForbiddenResponse({
      description: `The token lacks a permission or directory role above (${table.deniedCode ?? 'Authorization_RequestDenied'}).`,
    }),
  );
}
