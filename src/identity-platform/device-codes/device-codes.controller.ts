import { Body, Controller, Get, Headers, HttpCode, Param, Post, Req, Res, UseFilters } from '@nestjs/common';
import { ApiBadRequestResponse, ApiConsumes, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Public } from '../../auth/public.decorator.js';
import { StsErrorFilter } from '../errors/sts-error.filter.js';
import { StsErrors } from '../errors/sts-error.js';
import { formPairs } from '../http/form-body.js';
import { noStore } from '../http/no-store.js';
import { DevicePageService } from './device-page.service.js';
import { DeviceCodesService } from './device-codes.service.js';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The device authorization endpoint (RFC 8628) and the page where the user enters the code (`otc`). */
@ApiTags('development issuer')
@Controller()
export class DeviceCodesController {
  constructor(
    private readonly deviceCodes: DeviceCodesService,
    private readonly page: DevicePageService,
  ) {}

  @Post(':tenant/oauth2/v2.0/devicecode')
  @Public()
  @HttpCode(200)
  @UseFilters(StsErrorFilter)
  @ApiConsumes('application/x-www-form-urlencoded')
  @ApiOperation({ operationId: 'identityPlatform.DeviceCode', summary: 'OAuth 2.0 device authorization endpoint' })
  @ApiOkResponse({ description: '`{user_code, device_code, verification_uri, expires_in, interval, message}`.' })
  @ApiBadRequestResponse({ description: "Entra's refusal: `{error, error_description: 'AADSTS…', error_codes, …}`." })
  start(
    @Param('tenant') tenant: string,
    @Body() body: unknown,
    @Headers('authorization') authorization: string | undefined,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    noStore(reply);
    if (!GUID.test(tenant)) throw StsErrors.tenantNotFound(tenant.slice(0, 64));
    return this.deviceCodes.start(tenant.toLowerCase(), body, authorization, request.origin);
  }

  @Get(':tenant/oauth2/deviceauth')
  @Public()
  @ApiOkResponse({ description: 'The page asking for the code shown on the device (`otc`).' })
  @ApiBadRequestResponse({ description: 'An HTML error page (unknown tenant).' })
  @ApiOperation({ operationId: 'identityPlatform.DevicePage', summary: 'Device code verification page' })
  show(@Param('tenant') tenant: string, @Res() reply: FastifyReply) {
    return this.page.show(tenant, reply);
  }

  @Post(':tenant/oauth2/deviceauth')
  @Public()
  @ApiOkResponse({ description: 'The sign-in page for the device authorization the code names, or the code page again.' })
  @ApiBadRequestResponse({ description: 'An HTML error page (unknown tenant).' })
  @ApiOperation({ operationId: 'identityPlatform.DevicePageSubmit', summary: 'Device code verification page: the code entered' })
  submit(@Param('tenant') tenant: string, @Body() body: unknown, @Req() request: FastifyRequest, @Res() reply: FastifyReply) {
    return this.page.submit(tenant, formPairs(body), request, reply);
  }
}
