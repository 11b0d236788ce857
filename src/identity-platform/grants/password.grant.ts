import { Injectable } from '@nestjs/common';
import { GRAPH_APP_ID } from '../../auth/catalogue/graph-service-principal.js';
import { DIRECTORY_ROLES } from '../../auth/directory-roles.js';
import { OAuth2PermissionGrantsService } from '../../directory/oauth2-permission-grants/oauth2-permission-grants.service.js';
import { ServicePrincipalsService } from '../../directory/service-principals/service-principals.service.js';
import { RoleAssignmentsService } from '../../role-management/role-assignments/role-assignments.service.js';
import { UsersRepository } from '../../users/users.repository.js';
import { UsersService } from '../../users/users.service.js';
import { ClientAuthenticationService } from '../client-authentication/client-authentication.service.js';
import { StsErrors } from '../errors/sts-error.js';
import { ACCESS_TOKEN_LIFETIME_SECONDS, AccessTokenIssuer } from '../token/access-token.issuer.js';
import type { TokenParams } from '../token/token-params.js';
import { requestedScopes } from './delegated-scopes.js';

const ACR = { none: '0', secret: '1', certificate: '2' } as const;

/**
 * `grant_type=password` (resource-owner password credentials), as Entra serves it: a public client needs "Allow public
 * client flows" (`isFallbackPublicClient`), a confidential one its credential. The password is checked first; only then
 * are a disabled account (50057) or a password to change (50055) told. `scp` is what the user or an administrator
 * consented to (oauth2PermissionGrants) among what was asked; `wids` the user's directory roles.
 */
@Injectable()
export class PasswordGrant {
  constructor(
    private readonly clients: ClientAuthenticationService,
    private readonly users: UsersService,
    private readonly userRows: UsersRepository,
    private readonly principals: ServicePrincipalsService,
    private readonly grants: OAuth2PermissionGrantsService,
    private readonly roles: RoleAssignmentsService,
    private readonly issuer: AccessTokenIssuer,
  ) {}

  async issue(tenantId: string, params: TokenParams, origin: string) {
    const { app, principal, proof } = await this.clients.authenticate(tenantId, params, origin, (a) => a.isFallbackPublicClient === true);
    const requested = requestedScopes(params.get('scope'), tenantId);
    const username = params.require('username');
    const password = params.require('password');
    const check = await this.users.checkPassword(tenantId, username, password);
    if (!check.valid) throw StsErrors.badUserCredentials();
    if (!check.accountEnabled) throw StsErrors.userDisabled();
    if (check.forceChangePasswordNextSignIn) throw StsErrors.passwordExpired();
    const user = await this.userRows.findByKey(tenantId, check.userId);
    if (!user) throw StsErrors.badUserCredentials(); // deleted meanwhile

    const graph = await this.principals.findByAppId(tenantId, GRAPH_APP_ID);
    const consented = graph ? await this.grants.consentedScopes(tenantId, principal.id, graph.id, user.id) : [];
    const byName = new Map(consented.map((s) => [s.toLowerCase(), s]));
    const scp = requested.graph === 'all' ? consented : requested.graph.map((s) => byName.get(s.toLowerCase()));
    if (scp.length === 0 || scp.some((s) => s === undefined)) throw StsErrors.consentRequired(app.appId, app.displayName);
    const wids = [...new Set([...(await this.roles.roleTemplateIds(tenantId, user.id)), DIRECTORY_ROLES.User])];

    const accessToken = this.issuer.sign(tenantId, {
      aud: 'https://graph.microsoft.com',
      tid: tenantId,
      oid: user.id,
      sub: user.id,
      azp: app.appId,
      azpacr: ACR[proof],
      appid: app.appId,
      appidacr: ACR[proof],
      app_displayname: app.displayName,
      idtyp: 'user',
      amr: ['pwd'],
      scp: scp.join(' '),
      wids,
      upn: user.userPrincipalName,
      preferred_username: user.userPrincipalName,
      ...(user.displayName ? { name: user.displayName } : {}),
    });
    const idToken = requested.oidc.has('openid')
      ? this.issuer.sign(tenantId, {
          aud: app.appId,
          tid: tenantId,
          oid: user.id,
          sub: user.id,
          preferred_username: user.userPrincipalName,
          ...(user.displayName ? { name: user.displayName } : {}),
        })
      : undefined;
    return {
      token_type: 'Bearer',
      scope: [...scp, ...[...requested.oidc].filter((s) => s !== 'offline_access')].join(' '),
      expires_in: ACCESS_TOKEN_LIFETIME_SECONDS,
      ext_expires_in: ACCESS_TOKEN_LIFETIME_SECONDS,
      access_token: accessToken,
      ...(idToken ? { id_token: idToken } : {}),
      // MSAL asks for `client_info=1`: the account's home ids (uid = oid, utid = tid), base64url JSON.
      ...(params.get('client_info') === '1' ? { client_info: Buffer.from(JSON.stringify({ uid: user.id, utid: tenantId })).toString('base64url') } : {}),
    };
  }
}
