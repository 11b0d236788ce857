import { Injectable } from '@nestjs/common';
import { createHash, timingSafeEqual } from 'node:crypto';
import { UsersRepository } from '../../users/users.repository.js';
import { AuthorizationCodesService } from '../authorization-codes/authorization-codes.service.js';
import { ClientAuthenticationService } from '../client-authentication/client-authentication.service.js';
import { StsErrors } from '../errors/sts-error.js';
import type { TokenParams } from '../token/token-params.js';
import { requestedScopes } from './delegated-scopes.js';
import { DelegatedTokens } from './delegated-tokens.js';

/**
 * `grant_type=authorization_code`: the code is checked (client, expiry, redirect URI, PKCE) before it is spent, then
 * spent by one conditional UPDATE (of two concurrent redemptions one wins; the other is 54005). A code issued to a
 * `web` redirect URI needs the confidential client's credential; one issued to a SPA or public-client URI is
 * redeemed without one (PKCE was required at authorize). Tokens: `DelegatedTokens`, with the sign-in's nonce and amr.
 */
@Injectable()
export class AuthorizationCodeGrant {
  constructor(
    private readonly clients: ClientAuthenticationService,
    private readonly codes: AuthorizationCodesService,
    private readonly userRows: UsersRepository,
    private readonly delegated: DelegatedTokens,
  ) {}

  async issue(tenantId: string, params: TokenParams, origin: string) {
    const client = await this.clients.authenticate(tenantId, params, origin, () => true);
    const presented = params.require('code');
    const code = presented.length <= 512 ? await this.codes.find(tenantId, presented) : null;
    if (!code || code.appId !== client.app.appId) throw StsErrors.invalidCode();
    if (code.used) throw StsErrors.codeRedeemed();
    if (code.expired) throw StsErrors.expiredCode();
    if (params.get('redirect_uri') !== code.redirectUri) throw StsErrors.codeRedirectMismatch();
    if (code.platform === 'web' && client.proof === 'none') throw StsErrors.noClientCredential();
    if (code.codeChallenge !== null) {
      const verifier = params.require('code_verifier');
      const computed = createHash('sha256').update(verifier, 'ascii').digest('base64url');
      const a = Buffer.from(computed);
      const b = Buffer.from(code.codeChallenge);
      if (a.length !== b.length || !timingSafeEqual(a, b)) throw StsErrors.pkceMismatch();
    }
    // The scopes are the sign-in's (a `scope` sent here is what MSAL repeats; Entra issues what the code was for).
    const requested = requestedScopes(code.scope, tenantId);
    if (!(await this.codes.redeem(tenantId, presented, client.app.appId))) throw StsErrors.codeRedeemed();
    const user = await this.userRows.findByKey(tenantId, code.userId);
    if (!user) throw StsErrors.invalidCode();
    if (user.accountEnabled === false) throw StsErrors.userDisabled();
    return this.delegated.issue(tenantId, client, user, code.scope, requested, params, {
      nonce: code.nonce ?? undefined,
      methods: code.methods,
      clientAppType: 'browser',
    });
  }
}
