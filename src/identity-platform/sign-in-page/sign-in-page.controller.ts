import { Body, Controller, Param, Post, Req, Res } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Public } from '../../auth/public.decorator.js';
import { formPairs } from '../http/form-body.js';
import { SignInPageService } from './sign-in-page.service.js';
import { sendErrorPage } from './html.js';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The sign-in page's form posts (`loginfmt`/`passwd`, `method`, `otc`), each step of a server-side transaction. */
@ApiTags('development issuer')
@Controller()
export class SignInPageController {
  constructor(private readonly page: SignInPageService) {}

  @Post(':tenant/login')
  @Public()
  @ApiOkResponse({ description: 'An HTML page (the sign-in page, its next step, or a form_post), or a 302 to the registered redirect URI.' })
  @ApiBadRequestResponse({ description: "An HTML error page with Entra's AADSTS number (never a redirect to an unregistered URI)." })
  @ApiOperation({ operationId: 'identityPlatform.SignInStep', summary: "The sign-in page's form post (one step of a sign-in transaction)" })
  step(@Param('tenant') tenant: string, @Body() body: unknown, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    if (!GUID.test(tenant)) return sendErrorPage(reply, 400, 90002, `Tenant '${tenant.slice(0, 64)}' not found.`);
    const form = new Map<string, string>();
    for (const [k, v] of formPairs(body)) if (!form.has(k)) form.set(k, v);
    return this.page.post(tenant.toLowerCase(), form, request, reply);
  }
}
