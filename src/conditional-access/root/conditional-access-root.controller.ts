import { Get } from '@nestjs/common';
import { ApiExcludeEndpoint } from '@nestjs/swagger';
import { Permissions } from '../../auth/permissions/permissions.decorator.js';
import { GraphErrors } from '../../graph/errors/graph.exception.js';
import { GraphController } from '../../graph/graph-controller.decorator.js';
import { CA_READ } from '../ca-root.permissions.js';

/**
 * `/identity/conditionalAccess` itself: the singleton cannot be read (CSDL capability annotations,
 * graph-spec-ca-root §A), so GET is 405 with an empty `Allow` (no method is allowed on it).
 */
@GraphController('identity/conditionalAccess', { tag: 'conditionalAccess' })
export class ConditionalAccessRootController {
  @Get()
  @ApiExcludeEndpoint()
  @Permissions('identity.GetConditionalAccess', 'Read the conditionalAccessRoot (not allowed: 405)', CA_READ)
  get(): never {
    throw GraphErrors.methodNotAllowed([]);
  }
}
