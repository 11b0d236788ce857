import { Injectable } from '@nestjs/common';
import { GRAPH_APP_ID } from '../../auth/catalogue/graph-service-principal.js';
import { DIRECTORY_ROLES } from '../../auth/directory-roles.js';
import { parseClaimsRequest } from '../../conditional-access/evaluation/claims-request.js';
import { amrFor, type ClientAppType, type DevicePlatform, type SignInEvaluation } from '../../conditional-access/evaluation/sign-in-evaluation.js';
import { SignInEvaluator } from '../../conditional-access/evaluation/sign-in-evaluator.service.js';
import { OAuth2PermissionGrantsService } from '../../directory/oauth2-permission-grants/oauth2-permission-grants.service.js';
import { ServicePrincipalsService } from '../../directory/service-principals/service-principals.service.js';
import { RoleAssignmentsService } from '../../role-management/role-assignments/role-assignments.service.js';
import type { UserEntity } from '../../users/user.entity.js';
import type { AuthenticatedClient } from '../client-authentication/client-authentication.service.js';
import { StsErrors } from '../errors/sts-error.js';
import { RefreshTokensService } from '../refresh-tokens/refresh-tokens.service.js';
import { ACCESS_TOKEN_LIFETIME_SECONDS, AccessTokenIssuer } from '../token/access-token.issuer.js';
import type { TokenParams } from '../token/token-params.js';
import type { RequestedScopes } from './delegated-scopes.js';

const ACR = { none: '0', secret: '1', certificate: '2' } as const;

/**
 * The sign-in behind a delegated token: the caller's IP, the methods done (strength mode names: `password`, `sms`,
 * `temporaryAccessPassOneTime`...), and for the sign-in page its client app type (`browser`) and platform.
 */
export interface SignInFacts {
  ipAddress?: string;
  methods: readonly string[];
  /** Default `mobileAppsAndDesktopClients` (the token endpoint's own user grants). */
  clientAppType?: ClientAppType;
  platform?: DevicePlatform;
  /** The authorize request's `nonce`, for the id_token (interactive sign-ins). */
  nonce?: string;
  /** Told the Conditional Access evaluation before the tokens are issued or refused (the caller's sign-in log). */
  onEvaluation?: (evaluation: SignInEvaluation) => void;
}

/**
 * The tokens of a signed-in user (password and refresh-token grants): `scp` is what the user or an administrator
 * consented to (oauth2PermissionGrants) among what was asked, `wids` the user's directory roles; an `id_token` for
 * `openid`, a new single-use refresh token for `offline_access`. Read from the directory at every redemption, so a
 * consent or role removed since shows at the next refresh. Conditional Access is evaluated at every issue (refresh
 * included): a block is 53003, more authentication 50076, both with Entra's `capolids` claims challenge.
 */
@Injectable()
export class DelegatedTokens {
  constructor(
    private readonly principals: ServicePrincipalsService,
    private readonly grants: OAuth2PermissionGrantsService,
    private readonly roles: RoleAssignmentsService,
    private readonly issuer: AccessTokenIssuer,
    private readonly refreshTokens: RefreshTokensService,
    private readonly conditionalAccess: SignInEvaluator,
  ) {}

  /** `scope`: the request's scope text, kept with a refresh token. */
  async issue(
    tenantId: string,
    client: AuthenticatedClient,
    user: UserEntity,
    scope: string,
    requested: RequestedScopes,
    params: TokenParams,
    signIn: SignInFacts = { methods: ['password'] },
  ) {
    const claims = parseClaimsRequest(params.get('claims'));
    if (!claims) throw StsErrors.malformedParameter('claims');
    const graph = await this.principals.findByAppId(tenantId, GRAPH_APP_ID);
    const consented = graph ? await this.grants.consentedScopes(tenantId, client.principal.id, graph.id, user.id) : [];
    const byName = new Map(consented.map((s) => [s.toLowerCase(), s]));
    const scp = requested.graph === 'all' ? consented : requested.graph.map((s) => byName.get(s.toLowerCase()));
    if (scp.length === 0 || scp.some((s) => s === undefined)) throw StsErrors.consentRequired(client.app.appId, client.app.displayName);
    const wids = [...new Set([...(await this.roles.roleTemplateIds(tenantId, user.id)), DIRECTORY_ROLES.User])];
    const ca = await this.conditionalAccess.evaluate({
      tenantId,
      user: { id: user.id, roleTemplateIds: wids },
      clientAppId: client.app.appId,
      resourceAppId: GRAPH_APP_ID,
      // The token endpoint's user grants come from native and daemon clients: Entra's "mobile apps and desktop clients".
      clientAppType: signIn.clientAppType ?? 'mobileAppsAndDesktopClients',
      platform: signIn.platform,
      ipAddress: signIn.ipAddress,
      requestedContexts: claims.acrs,
      methods: signIn.methods,
    });
    signIn.onEvaluation?.(ca);
    if (ca.outcome === 'block') throw StsErrors.conditionalAccessBlocked(ca.blockingPolicyIds);
    if (ca.outcome === 'needsMoreAuth') throw StsErrors.mfaRequired(GRAPH_APP_ID, ca.interruptingPolicyIds);

    const accessToken = this.issuer.sign(tenantId, {
      aud: 'https://graph.microsoft.com',
      tid: tenantId,
      oid: user.id,
      sub: user.id,
      azp: client.app.appId,
      azpacr: ACR[client.proof],
      appid: client.app.appId,
      appidacr: ACR[client.proof],
      app_displayname: client.app.displayName,
      idtyp: 'user',
      amr: amrFor(signIn.methods),
      ...(ca.satisfiedContexts.length ? { acrs: ca.satisfiedContexts } : {}),
      ...(claims.xmsCc.length ? { xms_cc: claims.xmsCc } : {}),
      scp: scp.join(' '),
      wids,
      upn: user.userPrincipalName,
      preferred_username: user.userPrincipalName,
      ...(user.displayName ? { name: user.displayName } : {}),
    });
    const idToken = requested.oidc.has('openid')
      ? this.issuer.sign(tenantId, {
          aud: client.app.appId,
          tid: tenantId,
          oid: user.id,
          sub: user.id,
          preferred_username: user.userPrincipalName,
          ...(user.displayName ? { name: user.displayName } : {}),
          ...(signIn.nonce !== undefined ? { nonce: signIn.nonce } : {}),
        })
      : undefined;
    const refreshToken = requested.oidc.has('offline_access')
      ? await this.refreshTokens.issue(tenantId, client.app.appId, user.id, scope, client.proof === 'none', signIn.methods)
      : undefined;
    return {
      token_type: 'Bearer',
      scope: [...scp, ...[...requested.oidc].filter((s) => s !== 'offline_access')].join(' '),
      expires_in: ACCESS_TOKEN_LIFETIME_SECONDS,
      ext_expires_in: ACCESS_TOKEN_LIFETIME_SECONDS,
      access_token: accessToken,
      ...(refreshToken ? { refresh_token: refreshToken } : {}),
      ...(idToken ? { id_token: idToken } : {}),
      // MSAL asks for `client_info=1`: the account's home ids (uid = oid, utid = tid), base64url JSON.
      ...(params.get('client_info') === '1' ? { client_info: Buffer.from(JSON.stringify({ uid: user.id, utid: tenantId })).toString('base64url') } : {}),
    };
  }
}
