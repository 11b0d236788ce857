import type { LoggerService } from '@nestjs/common';
import { pino, type Logger } from 'pino';
import type { AppConfig } from '../config/app-config.js';

/**
 * One pino logger for the process: Fastify logs requests through it (each line carries the
 * request id) and Nest's own messages go through `NestPinoLogger`.
 */
export function createLogger(config: AppConfig): Logger {
  return pino({
    level: config.logLevel,
    // Tokens never reach the logs, whatever a serializer or a careless log call includes.
    redact: {
      paths: ['req.headers.authorization', 'headers.authorization', 'authorization', '*.authorization'],
      censor: '[redacted]',
    },
    ...(config.logFormat === 'pretty'
      ? {
          transport: {
            target: 'pino-pretty',
            // One line per entry: an access line stays one line, its fields beside the message.
            options: { translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname', singleLine: true },
          },
        }
      : {}),
  });
}

/** Nest's own start-up narration (module and route listings: hundreds of lines per start). */
const FRAMEWORK_CONTEXTS = new Set(['NestFactory', 'InstanceLoader', 'RoutesResolver', 'RouterExplorer', 'NestApplication', 'TypeOrmModule']);

/**
 * Nest's LoggerService on top of pino, so framework messages are structured too. The framework's `log`
 * lines are debug; the app's own (`new Logger(...)`) stay info; warnings and errors keep their level.
 */
export class NestPinoLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}

  log(message: unknown, context?: string) {
    if (context && FRAMEWORK_CONTEXTS.has(context)) this.logger.debug({ context }, String(message));
    else this.logger.info({ context }, String(message));
  }
  error(message: unknown, trace?: string, context?: string) {
    this.logger.error({ context, trace }, String(message));
  }
  warn(message: unknown, context?: string) {
    this.logger.warn({ context }, String(message));
  }
  debug(message: unknown, context?: string) {
    this.logger.debug({ context }, String(message));
  }
  verbose(message: unknown, context?: string) {
    this.logger.trace({ context }, String(message));
  }
  fatal(message: unknown, context?: string) {
    this.logger.fatal({ context }, String(message));
  }
}
