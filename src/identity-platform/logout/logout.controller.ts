import { Controller, Get, Param, Req, Res } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Public } from '../../auth/public.decorator.js';
import { LogoutService } from './logout.service.js';

/** Entra's end-session endpoint. */
@ApiTags('development issuer')
@Controller()
export class LogoutController {
  constructor(private readonly logoutService: LogoutService) {}

  @Get(':tenant/oauth2/v2.0/logout')
  @Public()
  @ApiOkResponse({ description: 'A "you signed out" page, or a 302 to the registered post_logout_redirect_uri.' })
  @ApiBadRequestResponse({ description: 'An HTML error page (unknown tenant).' })
  @ApiOperation({ operationId: 'identityPlatform.Logout', summary: 'OpenID Connect end-session endpoint' })
  logout(@Param('tenant') tenant: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    return this.logoutService.logout(tenant, new URL(request.url, 'http://localhost').searchParams, request, reply);
  }
}
