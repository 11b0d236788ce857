import 'reflect-metadata';
import type { DynamicModule } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { LogController } from 'fastify';
import type { Logger } from 'pino';
import { AppModule } from './app.module.js';
import type { AppConfig } from './config/app-config.js';
import { configureApp, installHttpConventions } from './app.setup.js';
import { GraphFastifyAdapter } from './graph/http/graph-fastify-adapter.js';
import { LingeringClose } from './graph/http/lingering-close.js';
import { RouteTable } from './graph/http/route-table.js';
import { httpServerOptions, MAX_PARAM_LENGTH } from './graph/http/server-options.js';
import { NestPinoLogger } from './logging/logger.js';

/**
 * Builds the whole application (not yet listening) on the given Postgres. main.ts, the e2e tests
 * and the benchmark all start the service through here, so they run the same pipeline.
 */
export async function createApp(
  config: AppConfig,
  databaseUrl: string,
  logger: Logger,
  /** Extra modules mounted beside the app's (tests use it for fault-injection routes). */
  extraImports: DynamicModule['imports'] = [],
): Promise<NestFastifyApplication> {
  const routes = new RouteTable(MAX_PARAM_LENGTH);
  const lingering = new LingeringClose();
  const adapter: GraphFastifyAdapter = new GraphFastifyAdapter({
    loggerInstance: logger,
    // One access-log line per request comes from our onResponse hook (app.setup.ts), not Fastify's two.
    logController: new LogController({ disableRequestLogging: true, requestIdLogLabel: 'requestId' }),
    ...httpServerOptions(config, routes, lingering, () => adapter.getInstance().log),
    bodyLimit: config.bodyLimitBytes,
    trustProxy: config.trustProxy,
    // In-flight requests finish on close; idle keep-alive sockets are closed at once.
    forceCloseConnections: 'idle',
    // A request arriving while we drain is 503 in the envelope (graph/http/request-guards.ts).
    return503OnClosing: false,
  });
  installHttpConventions(adapter.getInstance(), config, routes, lingering);
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config, databaseUrl, extraImports), adapter, {
    logger: new NestPinoLogger(logger),
    abortOnError: false,
    bodyParser: false, // our JSON parser (graph/http/json-body.ts) is installed instead
  });
  configureApp(app, config, routes);
  await app.init();
  return app;
}
