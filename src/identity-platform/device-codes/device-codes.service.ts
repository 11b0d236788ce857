import { Injectable } from '@nestjs/common';
import { randomBytes, randomInt } from 'node:crypto';
import { sha256Hex } from '../authorization-codes/authorization-codes.service.js';
import { ClientAuthenticationService } from '../client-authentication/client-authentication.service.js';
import { StsError, StsErrors } from '../errors/sts-error.js';
import { requestedScopes } from '../grants/delegated-scopes.js';
import { TokenParams } from '../token/token-params.js';
import { DeviceCodesRepository, type StoredDeviceCode } from './device-codes.repository.js';

/** Entra's device codes: 15 minutes, poll every 5 seconds. */
export const DEVICE_CODE_LIFETIME_SECONDS = 900;
export const DEVICE_CODE_INTERVAL_SECONDS = 5;
/** Upper-case letters and digits without look-alikes (0/O, 1/I/L), nine of them (about 43 bits), as Entra's are 9. */
const USER_CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
const USER_CODE_LENGTH = 9;

/** Cancel on the device page, told to the next poll. Entra documents the error, not its AADSTS number: 70000 is ours (docs/choices.md). */
export const authorizationDeclined = () => new StsError(400, 'authorization_declined', 70000, 'The end user denied the authorization request.');

/** What a person types is compared case-insensitively, ignoring spaces and dashes. */
export function normalizeUserCode(typed: string): string {
  return typed.replace(/[\s-]/g, '').toUpperCase();
}

/**
 * `POST /{tenant}/oauth2/v2.0/devicecode` (RFC 8628 §3.1-3.2) and the device code's life: the client must allow public
 * client flows (as for ROPC) or authenticate; both codes are stored as SHA-256 only.
 */
@Injectable()
export class DeviceCodesService {
  constructor(
    private readonly clients: ClientAuthenticationService,
    private readonly repo: DeviceCodesRepository,
  ) {}

  async start(tenantId: string, body: unknown, authorization: string | undefined, origin: string) {
    const params = TokenParams.from(body, authorization);
    const client = await this.clients.authenticate(tenantId, params, origin, (a) => a.isFallbackPublicClient === true);
    const scope = params.get('scope');
    requestedScopes(scope, tenantId);
    const deviceCode = randomBytes(32).toString('base64url');
    for (;;) {
      let userCode = '';
      for (let i = 0; i < USER_CODE_LENGTH; i++) userCode += USER_CODE_ALPHABET[randomInt(USER_CODE_ALPHABET.length)];
      const expiresAt = new Date(Date.now() + DEVICE_CODE_LIFETIME_SECONDS * 1000);
      if (await this.repo.insert(tenantId, sha256Hex(deviceCode), sha256Hex(userCode), client.app.appId, scope!.slice(0, 2048), expiresAt)) {
        const verificationUri = `${origin}/${tenantId}/oauth2/deviceauth`;
        return {
          user_code: userCode,
          device_code: deviceCode,
          verification_uri: verificationUri,
          expires_in: DEVICE_CODE_LIFETIME_SECONDS,
          interval: DEVICE_CODE_INTERVAL_SECONDS,
          message: `To sign in, use a web browser to open the page ${verificationUri} and enter the code ${userCode} to authenticate.`,
        };
      }
    }
  }

  /** The pending, unexpired device authorization a typed user code names, or null. */
  async pendingByUserCode(tenantId: string, typed: string): Promise<StoredDeviceCode | null> {
    const code = normalizeUserCode(typed);
    if (code.length !== USER_CODE_LENGTH) return null;
    const found = await this.repo.findByUserCode(tenantId, sha256Hex(code));
    return found && found.status === 'pending' && !found.expired ? found : null;
  }

  approve(tenantId: string, deviceCodeHash: string, userId: string, amr: string[], methods: string[]): Promise<boolean> {
    return this.repo.approve(tenantId, deviceCodeHash, userId, amr, methods);
  }

  /** Cancel on the device page: false when the code was approved, declined or expired meanwhile. */
  decline(tenantId: string, deviceCodeHash: string): Promise<boolean> {
    return this.repo.decline(tenantId, deviceCodeHash);
  }

  /** The token endpoint's view: RFC 8628 §3.5's answers while pending, declined, expired or unknown; the approval once. */
  async redeem(tenantId: string, deviceCode: string, appId: string): Promise<StoredDeviceCode> {
    const hash = sha256Hex(deviceCode);
    const found = deviceCode.length <= 128 ? await this.repo.findByDeviceCode(tenantId, hash) : null;
    if (!found || found.appId !== appId || found.status === 'redeemed') throw StsErrors.badVerificationCode();
    // Declined on the page: the next poll is told so, once; the code is then spent (RFC 8628's "session has concluded").
    if (found.status === 'declined' && (await this.repo.spendDeclined(tenantId, hash, appId))) throw authorizationDeclined();
    if (found.status === 'declined' || found.status === 'declined-spent') throw StsErrors.deviceCodeExpired();
    if (found.expired) throw StsErrors.deviceCodeExpired();
    if (found.status === 'pending') throw StsErrors.authorizationPending();
    if (!(await this.repo.redeem(tenantId, hash, appId))) throw StsErrors.badVerificationCode();
    return found;
  }
}
