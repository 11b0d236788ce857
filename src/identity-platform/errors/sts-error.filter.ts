import { Catch, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppConfig } from '../../config/app-config.js';
import { devIssuerBase } from '../../auth/tokens/issuers.js';
import { noStore } from '../http/no-store.js';
import { correlationIdOf } from '../token/sign-in-context.js';
import { StsError, stsErrorBody } from './sts-error.js';

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
    const correlationId = correlationIdOf(request);
    void noStore(reply)
      .status(e.status)
      .header('content-type', 'application/json; charset=utf-8')
      .send(stsErrorBody(e, correlationId, request.origin || this.base));
  }
}
