import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditLogsModule } from '../audit-logs/audit-logs.module.js';
import { AuthModule } from '../auth/auth.module.js';
import { SessionsModule } from '../auth/sessions/sessions.module.js';
import { ConditionalAccessModule } from '../conditional-access/conditional-access.module.js';
import { AuthenticationModule } from '../authentication/authentication.module.js';
import { AuthenticationMethodsPolicyModule } from '../policies/authentication-methods-policy/authentication-methods-policy.module.js';
import { DirectoryModule } from '../directory/directory.module.js';
import { RoleManagementModule } from '../role-management/role-management.module.js';
import { UsedAssertionEntity } from './client-authentication/used-assertion.entity.js';
import { ClientAuthenticationService } from './client-authentication/client-authentication.service.js';
import { UsedAssertionsRepository } from './client-authentication/used-assertions.repository.js';
import { AuthorizationCodeEntity } from './authorization-codes/authorization-code.entity.js';
import { AuthorizationCodesRepository } from './authorization-codes/authorization-codes.repository.js';
import { AuthorizationCodesService } from './authorization-codes/authorization-codes.service.js';
import { AuthorizeController } from './authorize/authorize.controller.js';
import { AuthorizeService } from './authorize/authorize.service.js';
import { AuthorizationCodeGrant } from './grants/authorization-code.grant.js';
import { SignInPageController } from './sign-in-page/sign-in-page.controller.js';
import { SignInPageService } from './sign-in-page/sign-in-page.service.js';
import { SignInPolicy } from './sign-in-page/sign-in-policy.js';
import { SignInTransactionEntity } from './sign-in-page/sign-in-transaction.entity.js';
import { SignInTransactionsRepository } from './sign-in-page/sign-in-transactions.repository.js';
import { LogoutController } from './logout/logout.controller.js';
import { LogoutService } from './logout/logout.service.js';
import { DeviceCodeEntity } from './device-codes/device-code.entity.js';
import { DeviceCodesController } from './device-codes/device-codes.controller.js';
import { DeviceCodesRepository } from './device-codes/device-codes.repository.js';
import { DeviceCodesService } from './device-codes/device-codes.service.js';
import { DevicePageService } from './device-codes/device-page.service.js';
import { DeviceCodeGrant } from './grants/device-code.grant.js';
import { HomeTenantLookup } from './authorize/tenant-routing.js';
import { StsErrorFilter } from './errors/sts-error.filter.js';
import { ClientCredentialsGrant } from './grants/client-credentials.grant.js';
import { DelegatedTokens } from './grants/delegated-tokens.js';
import { PasswordGrant } from './grants/password.grant.js';
import { RefreshTokenGrant } from './grants/refresh-token.grant.js';
import { RefreshTokenEntity } from './refresh-tokens/refresh-token.entity.js';
import { RefreshTokensRepository } from './refresh-tokens/refresh-tokens.repository.js';
import { RefreshTokensService } from './refresh-tokens/refresh-tokens.service.js';
import { UsersModule } from '../users/users.module.js';
import { SsoSessionEntity } from './sso-sessions/sso-session.entity.js';
import { SsoSessionsRepository } from './sso-sessions/sso-sessions.repository.js';
import { SsoSessions } from './sso-sessions/sso-sessions.service.js';
import { LockoutEntity } from './lockout/lockout.entity.js';
import { LockoutRepository } from './lockout/lockout.repository.js';
import { Lockout } from './lockout/lockout.service.js';
import { OutboxController } from './outbox/outbox.controller.js';
import { OneTimeCodeEntity, OutboxMessageEntity } from './outbox/outbox.entities.js';
import { OutboxRepository } from './outbox/outbox.repository.js';
import { Outbox } from './outbox/outbox.service.js';
import { OneTimeCodesRepository } from './second-factor/one-time-codes.repository.js';
import { SecondFactor } from './second-factor/second-factor.service.js';
import { InstanceDiscoveryController } from './instance-discovery/instance-discovery.controller.js';
import { InstanceDiscoveryService } from './instance-discovery/instance-discovery.service.js';
import { AccessTokenIssuer } from './token/access-token.issuer.js';
import { TokenController } from './token/token.controller.js';
import { TokenService } from './token/token.service.js';

/** The development identity platform: authorize + sign-in page, token endpoint, MSAL's instance discovery (issue #14, DECISIONS §10). */
@Module({
  imports: [
    TypeOrmModule.forFeature([
      UsedAssertionEntity,
      RefreshTokenEntity,
      LockoutEntity,
      OutboxMessageEntity,
      OneTimeCodeEntity,
      SignInTransactionEntity,
      AuthorizationCodeEntity,
      DeviceCodeEntity,
      SsoSessionEntity,
    ]),
    AuthModule,
    DirectoryModule,
    RoleManagementModule,
    UsersModule,
    SessionsModule,
    AuditLogsModule,
    AuthenticationModule,
    AuthenticationMethodsPolicyModule,
    ConditionalAccessModule,
  ],
  controllers: [
    TokenController,
    InstanceDiscoveryController,
    OutboxController,
    AuthorizeController,
    SignInPageController,
    LogoutController,
    DeviceCodesController,
  ],
  providers: [
    TokenService,
    ClientCredentialsGrant,
    PasswordGrant,
    RefreshTokenGrant,
    DelegatedTokens,
    RefreshTokensService,
    RefreshTokensRepository,
    ClientAuthenticationService,
    UsedAssertionsRepository,
    AccessTokenIssuer,
    InstanceDiscoveryService,
    StsErrorFilter,
    Lockout,
    LockoutRepository,
    Outbox,
    OutboxRepository,
    SecondFactor,
    OneTimeCodesRepository,
    AuthorizeService,
    SignInPageService,
    SignInPolicy,
    SignInTransactionsRepository,
    AuthorizationCodesService,
    AuthorizationCodesRepository,
    AuthorizationCodeGrant,
    LogoutService,
    DeviceCodesService,
    DeviceCodesRepository,
    DevicePageService,
    DeviceCodeGrant,
    HomeTenantLookup,
    SsoSessions,
    SsoSessionsRepository,
  ],
  /** For the sign-in page: smart lockout, second factors, the outbox (and `SignInLog` through AuditLogsModule). */
  exports: [Lockout, SecondFactor, Outbox, AuditLogsModule, SignInPolicy],
})
export class IdentityPlatformModule {}
