import { Injectable } from '@nestjs/common';
import { SignInLog } from '../../audit-logs/sign-in-log.js';
import { SessionStateCache } from '../../auth/sessions/session-state.cache.js';
import type { UserEntity } from '../../users/user.entity.js';
import { UsersRepository } from '../../users/users.repository.js';
import { type AuthenticatedClient, ClientAuthenticationService } from '../client-authentication/client-authentication.service.js';
import { StsError, StsErrors } from '../errors/sts-error.js';
import { RefreshTokensService } from '../refresh-tokens/refresh-tokens.service.js';
import { NO_SIGN_IN_CONTEXT, type SignInContext } from '../token/sign-in-context.js';
import type { TokenParams } from '../token/token-params.js';
import { requestedScopes } from './delegated-scopes.js';
import { caFields, tokenEndpointFields } from './sign-in-log-fields.js';
import type { SignInEvaluation } from '../../conditional-access/evaluation/sign-in-evaluation.js';
import { DelegatedTokens } from './delegated-tokens.js';

/**
 * `grant_type=refresh_token`: the token is redeemed once (rotation) by the client it was issued to, for the user it
 * was issued for; without `scope` the sign-in's scopes are asked again. The user must still exist and be enabled, and
 * the token must not predate a revocation of the user's sessions (50173).
 * Outcomes for a known user are non-interactive sign-in logs.
 */
@Injectable()
export class RefreshTokenGrant {
  constructor(
    private readonly clients: ClientAuthenticationService,
    private readonly refreshTokens: RefreshTokensService,
    private readonly userRows: UsersRepository,
    private readonly delegated: DelegatedTokens,
    private readonly signIns: SignInLog,
    private readonly sessions: SessionStateCache,
  ) {}

  async issue(tenantId: string, params: TokenParams, origin: string, context: SignInContext = NO_SIGN_IN_CONTEXT) {
    // A public client's refresh token (issued without a credential, e.g. after a SPA or native code) needs none.
    const client = await this.clients.authenticate(tenantId, params, origin, () => true);
    const presented = params.require('refresh_token');
    const redeemed = await this.refreshTokens.redeem(tenantId, presented, client.app.appId);
    if (!redeemed) throw StsErrors.invalidRefreshToken();
    if (client.proof === 'none' && !redeemed.publicClient && client.app.isFallbackPublicClient !== true) throw StsErrors.noClientCredential();
    if (redeemed.expired) throw StsErrors.expiredRefreshToken();
    const scope = params.get('scope') ?? redeemed.scope;
    const user = await this.userRows.findByKey(tenantId, redeemed.userId);
    if (!user) throw StsErrors.invalidRefreshToken();
    let evaluation: SignInEvaluation | undefined;
    try {
      const requested = requestedScopes(scope, tenantId);
      if (user.accountEnabled === false) throw StsErrors.userDisabled();
      // DECISIONS §9: revokeSignInSessions (or disabling) invalidates the refresh tokens issued before it, as Entra's.
      const sessions = await this.sessions.current(tenantId, user.id);
      if (redeemed.issuedAt < sessions.validFrom) throw StsErrors.revokedGrant(redeemed.issuedAt, sessions.validFrom);
      // Evaluated with the methods of the sign-in the token continues: an MFA sign-in's refresh stays MFA, as Entra's.
      const tokens = await this.delegated.issue(tenantId, client, user, scope, requested, params, {
        ipAddress: context.ipAddress ?? undefined,
        methods: redeemed.methods,
        onEvaluation: (e) => (evaluation = e),
      });
      await this.log(tenantId, client, user, context, 0, null, evaluation);
      return tokens;
    } catch (e) {
      if (e instanceof StsError) await this.log(tenantId, client, user, context, e.aadsts, e.text, evaluation);
      throw e;
    }
  }

  private log(
    tenantId: string,
    client: AuthenticatedClient,
    user: UserEntity,
    context: SignInContext,
    errorCode: number,
    failureReason: string | null,
    evaluation?: SignInEvaluation,
  ) {
    return this.signIns.record({
      tenantId,
      user: { id: user.id, userPrincipalName: user.userPrincipalName, displayName: user.displayName },
      ...tokenEndpointFields(client, context),
      status: { errorCode, failureReason },
      ...caFields(evaluation),
      isInteractive: false,
      authenticationProtocol: 'none',
    });
  }
}
