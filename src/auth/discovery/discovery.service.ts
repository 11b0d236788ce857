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

  /** `origin`: where the client reached us; the endpoints are there (the issuer stays the configured one). */
  configuration(tenant: string, origin: string) {
    if (!TENANT.test(tenant)) throw GraphErrors.itemNotFound(`Tenant '${tenant}' is not a GUID.`);
    const t = tenant.toLowerCase();
    return {
      issuer: devIssuer(this.base, TENANT.test(t) && t.includes('-') ? t : '{tenantid}'),
      jwks_uri: `${this.base}/${t}/discovery/v2.0/keys`,
      // MSAL needs every endpoint as a string (issue #14).
      token_endpoint: `${origin}/${t}/oauth2/v2.0/token`,
      token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
      authorization_endpoint: `${origin}/${t}/oauth2/v2.0/authorize`,
      device_authorization_endpoint: `${origin}/${t}/oauth2/v2.0/devicecode`,
      end_session_endpoint: `${origin}/${t}/oauth2/v2.0/logout`,
      // What is served: the authorization code flow only (no implicit or hybrid), PKCE with S256 only.
      response_types_supported: ['code'],
      response_modes_supported: ['query', 'fragment', 'form_post'],
      scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
      grant_types_supported: ['authorization_code', 'client_credentials', 'password', 'refresh_token', 'urn:ietf:params:oauth:grant-type:device_code'],
      code_challenge_methods_supported: ['S256'],
      subject_types_supported: ['pairwise'],
      id_token_signing_alg_values_supported: ['RS256'],
      claims_supported: ['aud', 'iss', 'iat', 'nbf', 'exp', 'tid', 'oid', 'idtyp', 'scp', 'roles', 'wids', 'upn', 'name', 'acrs', 'xms_cc'],
      tenant_region_scope: null,
    };
  }

  keys() {
    return this.keysService.publishedJwks();
  }
}
