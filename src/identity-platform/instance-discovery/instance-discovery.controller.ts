import { Controller, Get, Query, Req } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '../../auth/public.decorator.js';
import { InstanceDiscoveryService } from './instance-discovery.service.js';

/** MSAL's instance discovery (`/common/discovery/instance`), so MSAL accepts this host as an authority unchanged. */
@ApiTags('development issuer')
@Controller()
export class InstanceDiscoveryController {
  constructor(private readonly discovery: InstanceDiscoveryService) {}

  @Get('common/discovery/instance')
  @Public()
  @ApiOperation({ operationId: 'identityPlatform.InstanceDiscovery', summary: "MSAL's authority instance discovery" })
  @ApiOkResponse({ description: '`{tenant_discovery_endpoint, api-version, metadata}` naming this host only.' })
  instance(@Query('authorization_endpoint') authorizationEndpoint: unknown, @Req() request: FastifyRequest) {
    return this.discovery.instance(authorizationEndpoint, request.origin);
  }
}
