import { Module } from '@nestjs/common';
import { AuthenticationMethodsPolicyModule } from '../policies/authentication-methods-policy/authentication-methods-policy.module.js';
import { UsersModule } from '../users/users.module.js';
import { AuthenticationMethodsRepository } from './methods/authentication-methods.repository.js';
import { AuthenticationOperationsRepository } from './password-reset/authentication-operations.repository.js';
import { AuthenticationController, AuthenticationStatesController } from './authentication-object/authentication.controller.js';
import { AuthenticationRepository } from './authentication-object/authentication.repository.js';
import { AuthenticationService } from './authentication-object/authentication.service.js';
import { EmailMethodsController } from './methods/email-methods.controller.js';
import { EmailMethodsService } from './methods/email-methods.service.js';
import { ExternalMethodsController } from './methods/external-methods.controller.js';
import { ExternalMethodsService } from './methods/external-methods.service.js';
import { FAMILY_CONTROLLERS } from './methods/families/family.controllers.js';
import { AuthenticationFixturesService } from './fixtures/authentication-fixtures.service.js';
import { MethodRenderer } from './methods/method-renderer.js';
import { MethodsController } from './methods/methods.controller.js';
import { MethodsService } from './methods/methods.service.js';
import { OperationsController } from './password-reset/operations.controller.js';
import { OperationsService } from './password-reset/operations.service.js';
import { PasswordResetController } from './password-reset/password-reset.controller.js';
import { PasswordResetService } from './password-reset/password-reset.service.js';
import { MethodSmsSignInController, PhoneMethodsController } from './methods/phone-methods.controller.js';
import { PhoneMethodsService } from './methods/phone-methods.service.js';
import { TemporaryAccessPassController } from './methods/temporary-access-pass.controller.js';
import { TemporaryAccessPassService } from './methods/temporary-access-pass.service.js';

/** The per-user `authentication` object, its method families and operations (graph-spec §2). */
@Module({
  imports: [UsersModule, AuthenticationMethodsPolicyModule],
  controllers: [
    AuthenticationController,
    AuthenticationStatesController,
    MethodsController,
    PhoneMethodsController,
    MethodSmsSignInController,
    ExternalMethodsController,
    EmailMethodsController,
    TemporaryAccessPassController,
    PasswordResetController,
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
  exports: [AuthenticationFixturesService, AuthenticationMethodsRepository],
})
export class AuthenticationModule {}
