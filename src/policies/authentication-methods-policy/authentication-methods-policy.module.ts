import { Module } from '@nestjs/common';
import { AuthenticationMethodsPolicyController } from './authentication-methods-policy.controller.js';
import { AuthenticationMethodsPolicyRepository } from './authentication-methods-policy.repository.js';
import { AuthenticationMethodsPolicyService } from './authentication-methods-policy.service.js';
import { MethodConfigurationsController } from './method-configurations.controller.js';
import { MethodPolicy } from './method-policy.js';

/**
 * The tenant's authentication methods policy (DECISIONS §8) and what the methods APIs ask of it
 * (`MethodPolicy`: TAP and SMS sign-in rules).
 */
@Module({
  controllers: [AuthenticationMethodsPolicyController, MethodConfigurationsController],
  providers: [AuthenticationMethodsPolicyRepository, AuthenticationMethodsPolicyService, MethodPolicy],
  exports: [MethodPolicy, AuthenticationMethodsPolicyService],
})
export class AuthenticationMethodsPolicyModule {}
