import { Catch, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { randomUUID } from 'node:crypto';
import { AppConfig } from '../../config/app-config.js';
import { devIssuerBase } from '../../auth/tokens/issuers.js';
import { StsError, stsErrorBody } from './sts-error.js';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The token endpoint's refusals in Entra's shape (never Graph's envelope); the client's request id is the correlation id. */
@Catch(StsError)
export class StsErrorFilter implements ExceptionFilter {
  private readonly base: string;

  constructor(config: AppConfig) {
    this.base = devIssuerBase(config);
  }

  catch(e: StsError, host: ArgumentsHost): void {
    const request = host.switchToHttp().getRequest<FastifyRequest>();
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const sent = request.headers['client-request-id'];
    const correlationId = typeof sent === 'string' && GUID.test(sent) ? sent.toLowerCase() : randomUUID();
    void reply
      .status(e.status)
      .header('cache-control', 'no-store, no-cache')
      .header('pragma', 'no-cache')
      .header('content-type', 'application/json; charset=utf-8')
      .send(stsErrorBody(e, correlationId, request.origin || this.base));
  }
}
