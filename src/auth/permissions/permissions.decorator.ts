import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiExtension, ApiForbiddenResponse, ApiOperation, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { PermissionTable } from './permission-table.js';
import { renderPermissionTable } from './permission-table.markdown.js';

export const PERMISSIONS = 'graph:permissions';

/**
 * Declares a handler's Graph permission table: the global guard enforces it, Swagger prints it,
 * and test/permissions.snapshot makes every change visible in review. Routes without one are refused.
 */
export function Permissions(summary: string, table: PermissionTable) {
  return applyDecorators(
    SetMetadata(PERMISSIONS, table),
    ApiOperation({ summary, description: renderPermissionTable(table) }),
    ApiExtension('x-ms-permissions', table),
    ApiUnauthorizedResponse({ description: 'Missing or invalid access token (InvalidAuthenticationToken).' }),
    ApiForbiddenResponse({ description: 'The token lacks a permission or directory role above (Authorization_RequestDenied).' }),
  );
}
