import { Controller, Get, Param, Req } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '../public.decorator.js';
import { DiscoveryService } from './discovery.service.js';

/** The development issuer's OpenID metadata, in Entra's shapes and paths. */
@ApiTags('development issuer')
@Controller()
export class DiscoveryController {
  constructor(private readonly discovery: DiscoveryService) {}

  @Get(':tenant/v2.0/.well-known/openid-configuration')
  @Public()
  @ApiOperation({ operationId: 'developmentIssuer.GetOpenIdConfiguration', summary: 'OpenID Connect discovery document of the development issuer' })
  @ApiOkResponse({ description: "Entra's OpenID Connect metadata shape, naming this issuer and its keys." })
  @ApiNotFoundResponse({ description: 'The tenant is not a GUID (itemNotFound).' })
  configuration(@Param('tenant') tenant: string, @Req() request: FastifyRequest) {
    return this.discovery.configuration(tenant, request.origin);
  }

  @Get(':tenant/discovery/v2.0/keys')
  @Public()
  @ApiOperation({ operationId: 'developmentIssuer.ListKeys', summary: 'JWKS of the development issuer (active key and recently retired ones)' })
  keys() {
    return this.discovery.keys();
  }
}
