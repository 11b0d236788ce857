import type { Logger } from 'pino';
import { devIssuer, devIssuerBase } from '../auth/tokens/issuers.js';
import type { AppConfig } from '../config/app-config.js';

/**
 * Times the start-up phases, for one line at the end (where start-up time goes). The first phase,
 * `modules`, is the time from process start (performance's time origin) to this object: Node's
 * start plus loading every module main.ts imports, which is most of a start on an existing database.
 */
export class StartupPhases {
  private last = performance.now();
  private readonly phases: string[] = [`modules ${Math.round(this.last)} ms`];

  /** Ends the current phase under this name. */
  mark(name: string): void {
    const now = performance.now();
    this.phases.push(`${name} ${Math.round(now - this.last)} ms`);
    this.last = now;
  }

  line(): string {
    return `started in ${Math.round(performance.now())} ms (${this.phases.join(', ')})`;
  }
}

/**
 * What a newcomer needs after `npm start`, in a few lines at info: where it listens, which database,
 * the development issuer, the docs, and how to get a token. Everything else the framework says is debug.
 */
export function logStartupSummary(logger: Logger, config: AppConfig, url: string, database: string): void {
  const issuer = devIssuer(devIssuerBase(config), '{tenant}');
  logger.info(`Graph identity server listening on ${url}`);
  logger.info(`database: ${database}`);
  logger.info(`development token issuer: ${issuer}${config.auth.jwksUri ? `; external tokens from ${config.auth.jwksUri}` : ''}`);
  logger.info(`docs: ${url}/docs (OpenAPI: ${url}/openapi.json); health: ${url}/health`);
  logger.info(
    'get a token: npm run --silent token -- --upn admin@contoso.com --scp "User.ReadWrite.All" --role "Global Administrator" ' +
      '(same PORT/HOST/PUBLIC_BASE_URL/DATA_DIR/DATABASE_URL as the service; --help for more)',
  );
}
