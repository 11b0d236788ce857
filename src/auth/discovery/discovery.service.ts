import { Injectable } from '@nestjs/common';
import { AppConfig } from '../../config/app-config.js';
import { GraphErrors } from '../../graph/errors/graph.exception.js';
import { SigningKeysService } from '../keys/signing-keys.service.js';
import { devIssuer, devIssuerBase } from '../tokens/issuers.js';

const TENANT = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|common|organizations)$/i;

@Injectable()
export class DiscoveryService {
  private readonly base: string;

  constructor(
    config: AppConfig,
    private readonly keysService: SigningKeysService,
  ) {
    this.base = devIssuerBase(config);
  }

  configuration(tenant: string) {
    if (!TENANT.test(tenant)) throw GraphErrors.itemNotFound(`Tenant '${tenant}' is not a GUID.`);
    const t = tenant.toLowerCase();
    return {
      issuer: devIssuer(this.base, TENANT.test(t) && t.includes('-') ? t : '{tenantid}'),
      jwks_uri: `${this.base}/${t}/discovery/v2.0/keys`,
      token_endpoint: null,
      authorization_endpoint: null,
      response_types_supported: ['token'],
      subject_types_supported: ['pairwise'],
      id_token_signing_alg_values_supported: ['RS256'],
      token_endpoint_auth_methods_supported: [],
      claims_supported: ['aud', 'iss', 'iat', 'nbf', 'exp', 'tid', 'oid', 'idtyp', 'scp', 'roles', 'wids', 'upn', 'name', 'acrs', 'xms_cc'],
      tenant_region_scope: null,
    };
  }

  keys() {
    return this.keysService.publishedJwks();
  }
}
