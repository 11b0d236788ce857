import { Injectable } from '@nestjs/common';
import { UsersRepository } from '../../users/users.repository.js';
import { ClientAuthenticationService } from '../client-authentication/client-authentication.service.js';
import { DeviceCodesService } from '../device-codes/device-codes.service.js';
import { StsErrors } from '../errors/sts-error.js';
import type { TokenParams } from '../token/token-params.js';
import { requestedScopes } from './delegated-scopes.js';
import { DelegatedTokens } from './delegated-tokens.js';

export const DEVICE_CODE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code';

/**
 * `grant_type=urn:ietf:params:oauth:grant-type:device_code`: `authorization_pending` (70016) until the user signs in
 * on the device page, `expired_token` (70019) after 15 minutes, `bad_verification_code` (70018) for an unknown,
 * another client's or an already redeemed code; once approved, redeemed once.
 */
@Injectable()
export class DeviceCodeGrant {
  constructor(
    private readonly clients: ClientAuthenticationService,
    private readonly deviceCodes: DeviceCodesService,
    private readonly userRows: UsersRepository,
    private readonly delegated: DelegatedTokens,
  ) {}

  async issue(tenantId: string, params: TokenParams, origin: string) {
    const client = await this.clients.authenticate(tenantId, params, origin, (a) => a.isFallbackPublicClient === true);
    const code = await this.deviceCodes.redeem(tenantId, params.require('device_code'), client.app.appId);
    const user = code.userId ? await this.userRows.findByKey(tenantId, code.userId) : null;
    if (!user) throw StsErrors.badVerificationCode();
    if (user.accountEnabled === false) throw StsErrors.userDisabled();
    return this.delegated.issue(tenantId, client, user, code.scope, requestedScopes(code.scope, tenantId), params, { methods: code.methods });
  }
}
