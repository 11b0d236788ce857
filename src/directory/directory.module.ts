import { Module } from '@nestjs/common';
import { RoleAssignmentEntity } from '../role-management/role-assignments/role-assignment.entity.js';
import { RoleAssignmentRepository } from '../role-management/role-assignments/role-assignment.repository.js';
import { RoleAssignmentsController } from '../role-management/role-assignments/role-assignments.controller.js';
import { RoleAssignmentsService } from '../role-management/role-assignments/role-assignments.service.js';
import { RoleDefinitionsController } from '../role-management/role-definitions/role-definitions.controller.js';
import { RoleDefinitionsService } from '../role-management/role-definitions/role-definitions.service.js';
import { UsersModule } from '../users/users.module.js';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppRoleAssignmentEntity } from './app-role-assignments/app-role-assignment.entity.js';
import { AppRoleAssignmentRepository } from './app-role-assignments/app-role-assignment.repository.js';
import { AppRoleAssignmentsController } from './app-role-assignments/app-role-assignments.controller.js';
import { AppRoleAssignmentsService } from './app-role-assignments/app-role-assignments.service.js';
import { ApplicationEntity } from './applications/application.entity.js';
import { ApplicationRepository } from './applications/application.repository.js';
import { ApplicationsController } from './applications/applications.controller.js';
import { ApplicationsService } from './applications/applications.service.js';
import { OAuth2PermissionGrantEntity } from './oauth2-permission-grants/oauth2-permission-grant.entity.js';
import { OAuth2PermissionGrantRepository } from './oauth2-permission-grants/oauth2-permission-grant.repository.js';
import { OAuth2PermissionGrantsController } from './oauth2-permission-grants/oauth2-permission-grants.controller.js';
import { OAuth2PermissionGrantsService } from './oauth2-permission-grants/oauth2-permission-grants.service.js';
import { ServicePrincipalEntity } from './service-principals/service-principal.entity.js';
import { ServicePrincipalRepository } from './service-principals/service-principal.repository.js';
import { ServicePrincipalsController } from './service-principals/service-principals.controller.js';
import { ServicePrincipalsService } from './service-principals/service-principals.service.js';

/**
 * The directory sign-in reads (issue #14): app registrations, service principals, grants, and the directory roles of
 * `roleManagement` (their files live in `src/role-management/`).
 */
@Module({
  imports: [TypeOrmModule.forFeature([ApplicationEntity, ServicePrincipalEntity, AppRoleAssignmentEntity, OAuth2PermissionGrantEntity, RoleAssignmentEntity]), UsersModule],
  controllers: [ApplicationsController, ServicePrincipalsController, AppRoleAssignmentsController, OAuth2PermissionGrantsController, RoleDefinitionsController, RoleAssignmentsController],
  providers: [ApplicationRepository, ApplicationsService, ServicePrincipalRepository, ServicePrincipalsService, AppRoleAssignmentRepository, AppRoleAssignmentsService, OAuth2PermissionGrantRepository, OAuth2PermissionGrantsService, RoleDefinitionsService, RoleAssignmentRepository, RoleAssignmentsService],
  exports: [ApplicationRepository, ServicePrincipalsService, AppRoleAssignmentsService, OAuth2PermissionGrantsService, RoleAssignmentsService],
})
export class DirectoryModule {}
