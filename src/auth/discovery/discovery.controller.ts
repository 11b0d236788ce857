import { Controller, Get, Param } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '../public.decorator.js';
import { DiscoveryService } from './discovery.service.js';

/** The development issuer's OpenID metadata, in Entra's shapes and paths. */
@ApiTags('development issuer')
@Controller()
export class DiscoveryController {
  constructor(private readonly discovery: DiscoveryService) {}

  @Get(':tenant/v2.0/.well-known/openid-configuration')
  @Public()
  @ApiOperation({ summary: 'OpenID Connect discovery document of the development issuer' })
  configuration(@Param('tenant') tenant: string) {
    return this.discovery.configuration(tenant);
  }

  @Get(':tenant/discovery/v2.0/keys')
  @Public()
  @ApiOperation({ summary: 'JWKS of the development issuer (active key and recently retired ones)' })
  keys() {
    return this.discovery.keys();
  }
}
