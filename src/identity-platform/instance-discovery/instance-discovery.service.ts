import { Injectable } from '@nestjs/common';

const TENANT_SEGMENT = /^\/([0-9a-f-]{36}|common|organizations|consumers)\/oauth2\/v2\.0\/authorize\/?$/i;

/**
 * The answer MSAL expects from `https://<host>/common/discovery/instance?api-version=1.1&authorization_endpoint=…`
 * (msal-common `CloudInstanceDiscoveryResponse`): this host is its own only alias, and the tenant discovery
 * endpoint is the tenant's OpenID configuration.
 */
@Injectable()
export class InstanceDiscoveryService {
  /** `origin`: where the client reached us; MSAL compares the aliases with its authority's host. */
  instance(authorizationEndpoint: unknown, origin: string) {
    let tenant = 'common';
    if (typeof authorizationEndpoint === 'string') {
      try {
        const m = TENANT_SEGMENT.exec(new URL(authorizationEndpoint).pathname);
        if (m) tenant = m[1].toLowerCase();
      } catch {
        // Not a URL: answer for `common`, as Entra does for an unknown endpoint.
      }
    }
    const host = new URL(origin).host;
    return {
      tenant_discovery_endpoint: `${origin}/${tenant}/v2.0/.well-known/openid-configuration`,
      'api-version': '1.1',
      metadata: [{ preferred_network: host, preferred_cache: host, aliases: [host] }],
    };
  }
}
