import { DataSource } from 'typeorm';
import { loadConfig } from './src/config/app-config.js';
import { dataSourceOptions } from './src/database/data-source-options.js';

/**
 * The DataSource for the TypeORM CLI (`npm run migration:run|revert`), built to dist/ first.
 * It needs DATABASE_URL: the CLI does not start the embedded server (start the app once, then
 * DATABASE_URL=postgres://postgres:postgres@127.0.0.1:54329/graph).
 */
const config = loadConfig(process.env);
if (!config.databaseUrl) {
  throw new Error('DATABASE_URL must be set for the TypeORM CLI (see README, "Migrations")');
}
export default new DataSource(dataSourceOptions(config.databaseUrl));
