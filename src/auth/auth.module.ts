import { Module } from '@nestjs/common';
import { PassportModule } from '@nestjs/passport';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DiscoveryController } from './discovery/discovery.controller.js';
import { DiscoveryService } from './discovery/discovery.service.js';
import { JwtAuthGuard } from './guards/jwt-auth.guard.js';
import { PermissionsGuard } from './guards/permissions.guard.js';
import { SigningKeyEntity } from './keys/signing-key.entity.js';
import { SigningKeysRepository } from './keys/signing-keys.repository.js';
import { SigningKeysService } from './keys/signing-keys.service.js';
import { DevTokenIssuer } from './tokens/dev-token-issuer.service.js';
import { GraphJwtStrategy } from './tokens/graph-jwt.strategy.js';
import { TokenKeysService } from './tokens/token-keys.service.js';

/**
 * Who may call what: bearer tokens (development issuer and external JWKS), then each handler's
 * Graph permission table; deny is the default. Both checks are stages of the request pipeline
 * (pipeline/request-pipeline.guard.ts), which alone says in what order they run.
 */
@Module({
  imports: [PassportModule, TypeOrmModule.forFeature([SigningKeyEntity])],
  controllers: [DiscoveryController],
  providers: [SigningKeysRepository, SigningKeysService, TokenKeysService, GraphJwtStrategy, DevTokenIssuer, DiscoveryService, JwtAuthGuard, PermissionsGuard],
  exports: [DevTokenIssuer, SigningKeysService, JwtAuthGuard, PermissionsGuard],
})
export class AuthModule {}
