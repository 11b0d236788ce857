import { Body, Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Public } from '../../auth/public.decorator.js';
import { formPairs } from '../http/form-body.js';
import { AuthorizeService } from './authorize.service.js';

/** The authorize endpoint (DECISIONS §10): Entra's parameters by query (GET) or form (POST); answers HTML or a redirect. */
@ApiTags('development issuer')
@Controller()
export class AuthorizeController {
  constructor(private readonly authorizeService: AuthorizeService) {}

  @Get(':tenant/oauth2/v2.0/authorize')
  @Public()
  @ApiOkResponse({ description: 'An HTML page (the sign-in page, its next step, or a form_post), or a 302 to the registered redirect URI.' })
  @ApiBadRequestResponse({ description: "An HTML error page with Entra's AADSTS number (never a redirect to an unregistered URI)." })
  @ApiOperation({ operationId: 'identityPlatform.Authorize', summary: 'OAuth 2.0 authorize endpoint: the sign-in page (authorization code with PKCE)' })
  authorize(@Param('tenant') tenant: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    return this.authorizeService.authorize(tenant, new URL(request.url, 'http://localhost').searchParams, request, reply);
  }

  @Post(':tenant/oauth2/v2.0/authorize')
  @Public()
  @ApiOkResponse({ description: 'An HTML page (the sign-in page, its next step, or a form_post), or a 302 to the registered redirect URI.' })
  @ApiBadRequestResponse({ description: "An HTML error page with Entra's AADSTS number (never a redirect to an unregistered URI)." })
  @ApiOperation({ operationId: 'identityPlatform.AuthorizePost', summary: 'OAuth 2.0 authorize endpoint, parameters as a form post' })
  authorizePost(@Param('tenant') tenant: string, @Body() body: unknown, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    return this.authorizeService.authorize(tenant, formPairs(body), request, reply);
  }
}
