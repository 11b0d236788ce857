import { Injectable } from '@nestjs/common';
import { GRAPH_APP_ID } from '../../auth/catalogue/graph-service-principal.js';
import { AppRoleAssignmentsService } from '../../directory/app-role-assignments/app-role-assignments.service.js';
import { ClientAuthenticationService } from '../client-authentication/client-authentication.service.js';
import { ACCESS_TOKEN_LIFETIME_SECONDS, AccessTokenIssuer } from '../token/access-token.issuer.js';
import type { TokenParams } from '../token/token-params.js';
import { clientCredentialsAudience } from './resource-scope.js';

/** Entra's `appidacr`/`azpacr`: how the client authenticated. */
const ACR = { none: '0', secret: '1', certificate: '2' } as const;

/** `grant_type=client_credentials`: an app token for Microsoft Graph whose `roles` are the client's app-role assignments. */
@Injectable()
export class ClientCredentialsGrant {
  constructor(
    private readonly clients: ClientAuthenticationService,
    private readonly assignments: AppRoleAssignmentsService,
    private readonly issuer: AccessTokenIssuer,
  ) {}

  async issue(tenantId: string, params: TokenParams, origin: string) {
    const { app, principal, proof } = await this.clients.authenticate(tenantId, params, origin, () => false);
    const aud = clientCredentialsAudience(params.get('scope'), tenantId);
    const granted = await this.assignments.grantedAppRoles(tenantId, principal.id);
    const roles = [...new Set(granted.filter((g) => g.resourceAppId === GRAPH_APP_ID && g.value).map((g) => g.value as string))];
    const accessToken = this.issuer.sign(tenantId, {
      aud,
      tid: tenantId,
      oid: principal.id,
      sub: principal.id,
      azp: app.appId,
      azpacr: ACR[proof],
      appid: app.appId,
      appidacr: ACR[proof],
      app_displayname: app.displayName,
      idtyp: 'app',
      ...(roles.length ? { roles } : {}),
    });
    return {
      token_type: 'Bearer',
      expires_in: ACCESS_TOKEN_LIFETIME_SECONDS,
      ext_expires_in: ACCESS_TOKEN_LIFETIME_SECONDS,
      access_token: accessToken,
    };
  }
}
