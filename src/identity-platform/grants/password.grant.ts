import { Injectable } from '@nestjs/common';
import { UsersRepository } from '../../users/users.repository.js';
import { UsersService } from '../../users/users.service.js';
import { ClientAuthenticationService } from '../client-authentication/client-authentication.service.js';
import { StsErrors } from '../errors/sts-error.js';
import type { TokenParams } from '../token/token-params.js';
import { requestedScopes } from './delegated-scopes.js';
import { DelegatedTokens } from './delegated-tokens.js';

/**
 * `grant_type=password` (resource-owner password credentials), as Entra serves it: a public client needs "Allow public
 * client flows" (`isFallbackPublicClient`), a confidential one its credential. The password is checked first; only then
 * are a disabled account (50057) or a password to change (50055) told. What the tokens say: `DelegatedTokens`.
 */
@Injectable()
export class PasswordGrant {
  constructor(
    private readonly clients: ClientAuthenticationService,
    private readonly users: UsersService,
    private readonly userRows: UsersRepository,
    private readonly delegated: DelegatedTokens,
  ) {}

  async issue(tenantId: string, params: TokenParams, origin: string, ipAddress?: string) {
    const client = await this.clients.authenticate(tenantId, params, origin, (a) => a.isFallbackPublicClient === true);
    const requested = requestedScopes(params.get('scope'), tenantId);
    const username = params.require('username');
    const password = params.require('password');
    const check = await this.users.checkPassword(tenantId, username, password);
    if (!check.valid) throw StsErrors.badUserCredentials();
    if (!check.accountEnabled) throw StsErrors.userDisabled();
    if (check.forceChangePasswordNextSignIn) throw StsErrors.passwordExpired();
    const user = await this.userRows.findByKey(tenantId, check.userId);
    if (!user) throw StsErrors.badUserCredentials(); // deleted meanwhile
    return this.delegated.issue(tenantId, client, user, params.get('scope') ?? '', requested, params, { ipAddress, methods: ['password'] });
  }
}
