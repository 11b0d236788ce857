import { Controller, Get, Param, Query, Res, UseFilters } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '../../auth/public.decorator.js';
import { StsErrorFilter } from '../errors/sts-error.filter.js';
import { Outbox } from './outbox.service.js';

/** The development outbox (DECISIONS §10): `GET /{tenant}/dev/outbox?to=<phone or address>`. */
@ApiTags('development issuer')
@Controller()
@UseFilters(StsErrorFilter)
export class OutboxController {
  constructor(private readonly outbox: Outbox) {}

  @Get(':tenant/dev/outbox')
  @Public()
  @ApiOperation({
    operationId: 'identityPlatform.DevOutbox',
    summary: 'The development outbox: SMS and email one-time codes sent to a recipient, newest first',
  })
  @ApiOkResponse({ description: '`{value: [{to, channel: sms|email, text, code, createdDateTime}]}`, newest first, at most 50.' })
  @ApiBadRequestResponse({ description: "Entra's refusal shape: no `to` (AADSTS900144), a tenant that is not an id (AADSTS90002)." })
  list(@Param('tenant') tenant: string, @Query('to') to: unknown, @Res({ passthrough: true }) reply: FastifyReply) {
    void reply.header('cache-control', 'no-store');
    return this.outbox.list(tenant, to);
  }
}
