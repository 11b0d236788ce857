import { Module } from '@nestjs/common';
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
 * The directory sign-in reads (issue #14): app registrations, service principals and grants. The directory roles
 * (`roleManagement`) are `RoleManagementModule`'s, which imports this one.
 */
@Module({
  imports: [TypeOrmModule.forFeature([ApplicationEntity, ServicePrincipalEntity, AppRoleAssignmentEntity, OAuth2PermissionGrantEntity]), UsersModule],
  controllers: [ApplicationsController, ServicePrincipalsController, AppRoleAssignmentsController, OAuth2PermissionGrantsController],
  providers: [
    ApplicationRepository,
    ApplicationsService,
    ServicePrincipalRepository,
    ServicePrincipalsService,
    AppRoleAssignmentRepository,
    AppRoleAssignmentsService,
    OAuth2PermissionGrantRepository,
    OAuth2PermissionGrantsService,
  ],
  exports: [ApplicationRepository, ServicePrincipalsService, AppRoleAssignmentsService, OAuth2PermissionGrantsService],
})
export class DirectoryModule {}
