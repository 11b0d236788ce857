import { Injectable } from '@nestjs/common';
import { MULTI_TENANT_SEGMENTS, tenantOf } from '../authorize/tenant-routing.js';
import { StsErrors } from '../errors/sts-error.js';
import { AuthorizationCodeGrant } from '../grants/authorization-code.grant.js';
import { DEVICE_CODE_GRANT, DeviceCodeGrant } from '../grants/device-code.grant.js';
import { ClientCredentialsGrant } from '../grants/client-credentials.grant.js';
import { PasswordGrant } from '../grants/password.grant.js';
import { RefreshTokenGrant } from '../grants/refresh-token.grant.js';
import { NO_SIGN_IN_CONTEXT, type SignInContext } from './sign-in-context.js';
import { TokenParams } from './token-params.js';

const TENANT_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** `POST /{tenant}/oauth2/v2.0/token`: reads the form, then the grant decides (each refusal is an `StsError`). */
@Injectable()
export class TokenService {
  constructor(
    private readonly clientCredentials: ClientCredentialsGrant,
    private readonly password: PasswordGrant,
    private readonly refresh: RefreshTokenGrant,
    private readonly authorizationCode: AuthorizationCodeGrant,
    private readonly deviceCode: DeviceCodeGrant,
  ) {}

  /** `origin`: where the client reached us (a client assertion's `aud` may name the token endpoint there). */
  async token(tenant: string, body: unknown, authorization: string | undefined, origin: string, context: SignInContext = NO_SIGN_IN_CONTEXT) {
    const params = TokenParams.from(body, authorization);
    let tenantId: string;
    if (MULTI_TENANT_SEGMENTS.includes(tenant.toLowerCase())) {
      // `common`/`organizations`: MSAL redeems there what it obtained there; the code or refresh token names its tenant.
      const grant = params.require('grant_type');
      const value = grant === 'authorization_code' ? params.get('code') : grant === 'refresh_token' ? params.get('refresh_token') : undefined;
      if (grant !== 'authorization_code' && grant !== 'refresh_token') throw StsErrors.grantNotOnCommon();
      const found = tenantOf(value);
      if (!found) throw grant === 'authorization_code' ? StsErrors.invalidCode() : StsErrors.invalidRefreshToken();
      tenantId = found;
    } else {
      if (!TENANT_ID.test(tenant)) throw StsErrors.tenantNotFound(tenant.slice(0, 64));
      tenantId = tenant.toLowerCase();
    }
    const grant = params.require('grant_type');
    switch (grant) {
      case 'client_credentials':
        return this.clientCredentials.issue(tenantId, params, origin);
      case 'password':
        return this.password.issue(tenantId, params, origin, context);
      case 'refresh_token':
        return this.refresh.issue(tenantId, params, origin, context);
      case 'authorization_code':
        return this.authorizationCode.issue(tenantId, params, origin);
      case DEVICE_CODE_GRANT:
      case 'device_code': // MSAL's spelling (msal-common GrantType.DEVICE_CODE_GRANT); Entra accepts both
        return this.deviceCode.issue(tenantId, params, origin);
      default:
        throw StsErrors.unsupportedGrant(grant.slice(0, 64));
    }
  }
}
