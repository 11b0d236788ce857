import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthModule } from '../auth/auth.module.js';
import { ConditionalAccessModule } from '../conditional-access/conditional-access.module.js';
import { DirectoryModule } from '../directory/directory.module.js';
import { UsedAssertionEntity } from './client-authentication/used-assertion.entity.js';
import { ClientAuthenticationService } from './client-authentication/client-authentication.service.js';
import { UsedAssertionsRepository } from './client-authentication/used-assertions.repository.js';
import { StsErrorFilter } from './errors/sts-error.filter.js';
import { ClientCredentialsGrant } from './grants/client-credentials.grant.js';
import { DelegatedTokens } from './grants/delegated-tokens.js';
import { PasswordGrant } from './grants/password.grant.js';
import { RefreshTokenGrant } from './grants/refresh-token.grant.js';
import { RefreshTokenEntity } from './refresh-tokens/refresh-token.entity.js';
import { RefreshTokensRepository } from './refresh-tokens/refresh-tokens.repository.js';
import { RefreshTokensService } from './refresh-tokens/refresh-tokens.service.js';
import { UsersModule } from '../users/users.module.js';
import { InstanceDiscoveryController } from './instance-discovery/instance-discovery.controller.js';
import { InstanceDiscoveryService } from './instance-discovery/instance-discovery.service.js';
import { AccessTokenIssuer } from './token/access-token.issuer.js';
import { TokenController } from './token/token.controller.js';
import { TokenService } from './token/token.service.js';

/** The development identity platform's token endpoint and MSAL's instance discovery (issue #14, DECISIONS §10). */
@Module({
  imports: [TypeOrmModule.forFeature([UsedAssertionEntity, RefreshTokenEntity]), AuthModule, DirectoryModule, UsersModule, ConditionalAccessModule],
  controllers: [TokenController, InstanceDiscoveryController],
  providers: [TokenService, ClientCredentialsGrant, PasswordGrant, RefreshTokenGrant, DelegatedTokens, RefreshTokensService, RefreshTokensRepository, ClientAuthenticationService, UsedAssertionsRepository, AccessTokenIssuer, InstanceDiscoveryService, StsErrorFilter],
})
export class IdentityPlatformModule {}
