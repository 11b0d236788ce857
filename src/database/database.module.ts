import { DynamicModule, Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config.js';
import { dataSourceOptions } from './data-source-options.js';
import { runMigrationsLocked } from './migrate.js';
import { ChangeFeed } from './change-feed.js';
import { Transactions } from './transactions.js';

/**
 * TypeORM on the chosen Postgres; migrations run at boot, before any request is served.
 * `Transactions` (every write's transaction, deadline and retry) and `ChangeFeed` (cache invalidation across
 * instances) are available everywhere.
 */
@Global()
@Module({})
export class DatabaseModule {
  static forRoot(databaseUrl: string): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRootAsync({
          inject: [AppConfig],
          useFactory: (config: AppConfig) => dataSourceOptions(databaseUrl, config.db),
          dataSourceFactory: async (options) => {
            const dataSource = await new DataSource(options!).initialize();
            await runMigrationsLocked(dataSource);
            return dataSource;
          },
        }),
      ],
      providers: [Transactions, ChangeFeed],
      exports: [Transactions, ChangeFeed],
    };
  }
}
