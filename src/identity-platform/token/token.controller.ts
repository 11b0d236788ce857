import { Body, Controller, Headers, HttpCode, Param, Post, Req, Res, UseFilters } from '@nestjs/common';
import { ApiBadRequestResponse, ApiConsumes, ApiOkResponse, ApiOperation, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Public } from '../../auth/public.decorator.js';
import { StsErrorFilter } from '../errors/sts-error.filter.js';
import { noStore } from '../http/no-store.js';
import { signInContextOf } from './sign-in-context.js';
import { TokenService } from './token.service.js';

/** The identity platform's token endpoint (DECISIONS §10): Entra's paths, form body and error shape. */
@ApiTags('development issuer')
@Controller()
@UseFilters(StsErrorFilter)
export class TokenController {
  constructor(private readonly tokens: TokenService) {}

  @Post(':tenant/oauth2/v2.0/token')
  @Public()
  @HttpCode(200)
  @ApiConsumes('application/x-www-form-urlencoded')
  @ApiOperation({ operationId: 'identityPlatform.Token', summary: 'OAuth 2.0 token endpoint (client credentials, resource-owner password, refresh token)' })
  @ApiOkResponse({ description: '`{token_type, expires_in, ext_expires_in, access_token}`.' })
  @ApiBadRequestResponse({
    description: "Entra's refusal: `{error, error_description: 'AADSTS…', error_codes, timestamp, trace_id, correlation_id, error_uri}`.",
  })
  @ApiUnauthorizedResponse({ description: 'The client failed to authenticate (invalid_client), in the same shape.' })
  async token(
    @Param('tenant') tenant: string,
    @Body() body: unknown,
    @Headers('authorization') authorization: string | undefined,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    noStore(reply);
    return this.tokens.token(tenant, body, authorization, request.origin, signInContextOf(request));
  }
}
