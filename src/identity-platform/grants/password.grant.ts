import { Injectable } from '@nestjs/common';
import { SignInLog } from '../../audit-logs/sign-in-log.js';
import { UsersRepository } from '../../users/users.repository.js';
import { UsersService } from '../../users/users.service.js';
import { ClientAuthenticationService } from '../client-authentication/client-authentication.service.js';
import { StsError, StsErrors } from '../errors/sts-error.js';
import { Lockout, passwordFingerprint } from '../lockout/lockout.service.js';
import { NO_SIGN_IN_CONTEXT, type SignInContext } from '../token/sign-in-context.js';
import type { TokenParams } from '../token/token-params.js';
import { requestedScopes } from './delegated-scopes.js';
import { caFields, tokenEndpointFields } from './sign-in-log-fields.js';
import type { SignInEvaluation } from '../../conditional-access/evaluation/sign-in-evaluation.js';
import { DelegatedTokens } from './delegated-tokens.js';

/**
 * `grant_type=password` (resource-owner password credentials), as Entra serves it: a public client needs "Allow public
 * client flows" (`isFallbackPublicClient`), a confidential one its credential. A locked account (smart lockout) is
 * refused before the password is checked (50053); then the password; only then are a disabled account (50057) or a
 * password to change (50055) told. What the tokens say: `DelegatedTokens`. Every user-level outcome is a sign-in log.
 */
@Injectable()
export class PasswordGrant {
  constructor(
    private readonly clients: ClientAuthenticationService,
    private readonly users: UsersService,
    private readonly userRows: UsersRepository,
    private readonly delegated: DelegatedTokens,
    private readonly lockout: Lockout,
    private readonly signIns: SignInLog,
  ) {}

  async issue(tenantId: string, params: TokenParams, origin: string, context: SignInContext = NO_SIGN_IN_CONTEXT) {
    const client = await this.clients.authenticate(tenantId, params, origin, (a) => a.isFallbackPublicClient === true);
    const requested = requestedScopes(params.get('scope'), tenantId);
    const username = params.require('username');
    const password = params.require('password');
    const named = await this.userRows.findByKey(tenantId, username);
    let evaluation: SignInEvaluation | undefined;
    const log = (errorCode: number, failureReason: string | null) =>
      this.signIns.record({
        tenantId,
        user: named ? { id: named.id, userPrincipalName: named.userPrincipalName, displayName: named.displayName } : null,
        userPrincipalName: username,
        ...tokenEndpointFields(client, context),
        status: { errorCode, failureReason },
        ...caFields(evaluation),
        isInteractive: true,
        authenticationProtocol: 'ropc',
        authenticationMethodsUsed: errorCode === 0 ? ['Password'] : [],
      });
    try {
      if (named) await this.lockout.assertNotLocked(tenantId, named.id);
      const check = await this.users.checkPassword(tenantId, username, password);
      if (!check.valid) {
        if (named) await this.lockout.recordFailure(tenantId, named.id, passwordFingerprint(tenantId, named.id, password));
        throw StsErrors.badUserCredentials();
      }
      await this.lockout.recordSuccess(tenantId, check.userId);
      if (!check.accountEnabled) throw StsErrors.userDisabled();
      if (check.forceChangePasswordNextSignIn) throw StsErrors.passwordExpired();
      const user = named?.id === check.userId ? named : await this.userRows.findByKey(tenantId, check.userId);
      if (!user) throw StsErrors.badUserCredentials(); // deleted meanwhile
      const tokens = await this.delegated.issue(tenantId, client, user, params.get('scope') ?? '', requested, params, {
        ipAddress: context.ipAddress ?? undefined,
        methods: ['password'],
        onEvaluation: (e) => (evaluation = e),
      });
      await log(0, null);
      return tokens;
    } catch (e) {
      if (e instanceof StsError) await log(e.aadsts, e.text);
      throw e;
    }
  }
}
