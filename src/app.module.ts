import { DynamicModule, Module } from '@nestjs/common';
import type { AppConfig } from './config/app-config.js';
import { AuthModule } from './auth/auth.module.js';
import { RequestPipelineModule } from './auth/pipeline/request-pipeline.module.js';
import { AuthenticationModule } from './authentication/authentication.module.js';
import { ConditionalAccessModule } from './conditional-access/conditional-access.module.js';
import { ConfigModule } from './config/config.module.js';
import { BatchModule } from './graph/batch/batch.module.js';
import { DatabaseModule } from './database/database.module.js';
import { DirectoryModule } from './directory/directory.module.js';
import { GraphModule } from './graph/graph.module.js';
import { IdentityPlatformModule } from './identity-platform/identity-platform.module.js';
import { HealthModule } from './health/health.module.js';
import { ThrottlingModule } from './throttling/throttling.module.js';
import { SeedModule } from './seed/seed.module.js';
import { RoleManagementModule } from './role-management/role-management.module.js';
import { UsersModule } from './users/users.module.js';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig, databaseUrl: string, extraImports: DynamicModule['imports'] = []): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        DatabaseModule.forRoot(databaseUrl),
        GraphModule,
        AuthModule,
        ThrottlingModule,
        RequestPipelineModule,
        HealthModule,
        UsersModule,
        ConditionalAccessModule,
        RoleManagementModule,
        AuthenticationModule,
        BatchModule,
        DirectoryModule,
        IdentityPlatformModule,
        SeedModule,
        ...(extraImports ?? []),
      ],
    };
  }
}
