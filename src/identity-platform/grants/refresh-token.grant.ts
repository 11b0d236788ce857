import { Injectable } from '@nestjs/common';
import { UsersRepository } from '../../users/users.repository.js';
import { ClientAuthenticationService } from '../client-authentication/client-authentication.service.js';
import { StsErrors } from '../errors/sts-error.js';
import { RefreshTokensService } from '../refresh-tokens/refresh-tokens.service.js';
import type { TokenParams } from '../token/token-params.js';
import { requestedScopes } from './delegated-scopes.js';
import { DelegatedTokens } from './delegated-tokens.js';

/**
 * `grant_type=refresh_token`: the token is redeemed once (rotation) by the client it was issued to, for the user it
 * was issued for; without `scope` the sign-in's scopes are asked again. The user must still exist and be enabled.
 */
@Injectable()
export class RefreshTokenGrant {
  constructor(
    private readonly clients: ClientAuthenticationService,
    private readonly refreshTokens: RefreshTokensService,
    private readonly userRows: UsersRepository,
    private readonly delegated: DelegatedTokens,
  ) {}

  async issue(tenantId: string, params: TokenParams, origin: string) {
    // A public client's refresh token (issued without a credential, e.g. after a SPA or native code) needs none.
    const client = await this.clients.authenticate(tenantId, params, origin, () => true);
    const presented = params.require('refresh_token');
    const redeemed = await this.refreshTokens.redeem(tenantId, presented, client.app.appId);
    if (!redeemed) throw StsErrors.invalidRefreshToken();
    if (client.proof === 'none' && !redeemed.publicClient && client.app.isFallbackPublicClient !== true) throw StsErrors.noClientCredential();
    if (redeemed.expired) throw StsErrors.expiredRefreshToken();
    const scope = params.get('scope') ?? redeemed.scope;
    const requested = requestedScopes(scope, tenantId);
    const user = await this.userRows.findByKey(tenantId, redeemed.userId);
    if (!user) throw StsErrors.invalidRefreshToken();
    if (user.accountEnabled === false) throw StsErrors.userDisabled();
    return this.delegated.issue(tenantId, client, user, scope, requested, params);
  }
}
