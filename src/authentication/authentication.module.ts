import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthenticationMethodsPolicyModule } from '../policies/authentication-methods-policy/authentication-methods-policy.module.js';
import { UsersModule } from '../users/users.module.js';
import { AuthenticationMethodsRepository } from './authentication-methods.repository.js';
import { AuthenticationOperationsRepository } from './authentication-operations.repository.js';
import { AuthenticationController, AuthenticationStatesController } from './authentication.controller.js';
import { AuthenticationEntity } from './authentication.entity.js';
import { AuthenticationRepository } from './authentication.repository.js';
import { AuthenticationService } from './authentication.service.js';
import { EmailMethodsController } from './email-methods.controller.js';
import { EmailMethodsService } from './email-methods.service.js';
import { ExternalMethodsController } from './external-methods.controller.js';
import { ExternalMethodsService } from './external-methods.service.js';
import { FAMILY_CONTROLLERS } from './families/family.controllers.js';
import { AuthenticationFixturesService } from './fixtures/authentication-fixtures.service.js';
import { MethodRenderer } from './method-renderer.js';
import { MethodsController } from './methods.controller.js';
import { MethodsService } from './methods.service.js';
import { OperationsController } from './operations.controller.js';
import { OperationsService } from './operations.service.js';
import { PasswordResetService } from './password-reset.service.js';
import { MethodSmsSignInController, PhoneMethodsController } from './phone-methods.controller.js';
import { PhoneMethodsService } from './phone-methods.service.js';
import { TemporaryAccessPassController } from './temporary-access-pass.controller.js';
import { TemporaryAccessPassService } from './temporary-access-pass.service.js';

/** The per-user `authentication` object, its method families and operations (graph-spec §2). */
@Module({
  imports: [TypeOrmModule.forFeature([AuthenticationEntity]), UsersModule, AuthenticationMethodsPolicyModule],
  controllers: [
    AuthenticationController,
    AuthenticationStatesController,
    MethodsController,
    PhoneMethodsController,
    MethodSmsSignInController,
    ExternalMethodsController,
    EmailMethodsController,
    TemporaryAccessPassController,
    OperationsController,
    ...FAMILY_CONTROLLERS,
  ],
  providers: [
    AuthenticationRepository,
    AuthenticationMethodsRepository,
    AuthenticationOperationsRepository,
    AuthenticationService,
    MethodRenderer,
    MethodsService,
    PhoneMethodsService,
    EmailMethodsService,
    ExternalMethodsService,
    TemporaryAccessPassService,
    PasswordResetService,
    OperationsService,
    AuthenticationFixturesService,
  ],
  exports: [AuthenticationFixturesService],
})
export class AuthenticationModule {}
