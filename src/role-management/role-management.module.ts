import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DirectoryModule } from '../directory/directory.module.js';
import { UsersModule } from '../users/users.module.js';
import { ResourceActionBindingsCache } from './resource-actions/resource-action-bindings.cache.js';
import { ResourceActionsController } from './resource-actions/resource-actions.controller.js';
import { ResourceActionsRepository } from './resource-actions/resource-actions.repository.js';
import { ResourceActionsService } from './resource-actions/resource-actions.service.js';
import { RoleAssignmentEntity } from './role-assignments/role-assignment.entity.js';
import { RoleAssignmentRepository } from './role-assignments/role-assignment.repository.js';
import { RoleAssignmentsController } from './role-assignments/role-assignments.controller.js';
import { RoleAssignmentsService } from './role-assignments/role-assignments.service.js';
import { RoleDefinitionsController } from './role-definitions/role-definitions.controller.js';
import { RoleDefinitionsService } from './role-definitions/role-definitions.service.js';

/**
 * `/roleManagement/directory`: Entra's built-in role definitions, role assignments (which become `wids`), and (beta)
 * the resource actions of `microsoft.directory` with the protected-action bindings the step-up stage enforces
 * (DECISIONS §9). Exports the bindings (cache and the ACCR rule's check) and `RoleAssignmentsService` (a user's roles).
 * Imports `DirectoryModule` for the service principals an assignment may name.
 */
@Module({
  imports: [TypeOrmModule.forFeature([RoleAssignmentEntity]), UsersModule, DirectoryModule],
  controllers: [RoleDefinitionsController, RoleAssignmentsController, ResourceActionsController],
  providers: [
    RoleDefinitionsService,
    RoleAssignmentRepository,
    RoleAssignmentsService,
    ResourceActionsRepository,
    ResourceActionBindingsCache,
    ResourceActionsService,
  ],
  exports: [RoleAssignmentsService, ResourceActionsRepository, ResourceActionBindingsCache],
})
export class RoleManagementModule {}
