import type { DataSourceOptions } from 'typeorm';
import type { AppConfig } from '../config/app-config.js';
import { ENTITIES } from './entities.js';
import { MIGRATIONS } from './migrations/index.js';

/**
 * The one TypeORM configuration, shared by the app and the CLI (ormconfig.ts). Schema changes
 * come only from MIGRATIONS; `synchronize` stays off.
 */
export function dataSourceOptions(url: string, db?: AppConfig['db']): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'typeorm_migrations',
    migrationsTransactionMode: 'all',
    synchronize: false,
    migrationsRun: false,
    logging: false,
    ...(db
      ? {
          poolSize: db.poolSize,
          connectTimeoutMS: db.connectTimeoutMs,
          extra: {
            // Bounded waits: with Postgres gone, requests fail fast (503) instead of hanging.
            connectionTimeoutMillis: db.connectTimeoutMs,
            statement_timeout: db.statementTimeoutMs,
            query_timeout: db.statementTimeoutMs + 1000,
            idle_in_transaction_session_timeout: db.statementTimeoutMs * 2,
            keepAlive: true,
          },
        }
      : {}),
  };
}
