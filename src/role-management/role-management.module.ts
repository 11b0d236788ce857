import { Module } from '@nestjs/common';
import { ResourceActionBindingsCache } from './resource-actions/resource-action-bindings.cache.js';
import { ResourceActionsController } from './resource-actions/resource-actions.controller.js';
import { ResourceActionsRepository } from './resource-actions/resource-actions.repository.js';
import { ResourceActionsService } from './resource-actions/resource-actions.service.js';

/**
 * `/roleManagement/directory` (beta): the resource actions of `microsoft.directory` and the protected-action
 * bindings the step-up stage enforces (DECISIONS §9). Exports the bindings (cache and the ACCR rule's check).
 */
@Module({
  controllers: [ResourceActionsController],
  providers: [ResourceActionsRepository, ResourceActionBindingsCache, ResourceActionsService],
  exports: [ResourceActionsRepository, ResourceActionBindingsCache],
})
export class RoleManagementModule {}
