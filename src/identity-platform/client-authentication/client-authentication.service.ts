import { Injectable } from '@nestjs/common';
import { createHash, X509Certificate, type KeyObject } from 'node:crypto';
import { compactVerify, decodeProtectedHeader } from 'jose';
import { AppConfig } from '../../config/app-config.js';
import { devIssuerBase } from '../../auth/tokens/issuers.js';
import { secretMatches } from '../../directory/applications/application-credentials.js';
import type { StoredKeyCredential } from '../../directory/applications/application.entity.js';
import { ApplicationRepository } from '../../directory/applications/application.repository.js';
import type { ApplicationRow } from '../../directory/applications/application.representation.js';
import { ServicePrincipalsService } from '../../directory/service-principals/service-principals.service.js';
import type { ServicePrincipalRow } from '../../directory/service-principals/service-principal.repository.js';
import { StsErrors } from '../errors/sts-error.js';
import type { TokenParams } from '../token/token-params.js';
import { UsedAssertionsRepository } from './used-assertions.repository.js';

export const JWT_BEARER = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Clock skew allowed on an assertion's `nbf`/`exp`, as Entra's five minutes. */
const SKEW_SECONDS = 300;

/** How the client proved itself: `appidacr`/`azpacr` 0 (public), 1 (secret), 2 (certificate). */
export type ClientProof = 'none' | 'secret' | 'certificate';

export interface AuthenticatedClient {
  app: ApplicationRow;
  principal: ServicePrincipalRow;
  proof: ClientProof;
}

/**
 * Who the client is: `client_id` (form or HTTP Basic), then a secret (form or Basic), a certificate-signed
 * assertion, or nothing (public clients, where the grant allows it). The app and its service principal must be in
 * the tenant of the URL: a client of another tenant is unknown here (700016).
 */
@Injectable()
export class ClientAuthenticationService {
  private readonly base: string;

  constructor(
    config: AppConfig,
    private readonly applications: ApplicationRepository,
    private readonly principals: ServicePrincipalsService,
    private readonly usedAssertions: UsedAssertionsRepository,
  ) {
    this.base = devIssuerBase(config);
  }

  async authenticate(tenantId: string, params: TokenParams, origin: string, allowPublic: (app: ApplicationRow) => boolean): Promise<AuthenticatedClient> {
    const basic = params.basic;
    if (basic && params.get('client_id') !== undefined && params.get('client_id') !== basic.clientId) throw StsErrors.duplicateParameter('client_id');
    if (basic && params.get('client_secret') !== undefined) throw StsErrors.duplicateParameter('client_secret');
    const clientId = basic?.clientId ?? params.get('client_id');
    if (!clientId) throw StsErrors.missingParameter('client_id');
    const secret = basic?.clientSecret ?? params.get('client_secret');
    const assertion = params.get('client_assertion');
    const assertionType = params.get('client_assertion_type');
    if (secret !== undefined && assertion !== undefined) throw StsErrors.twoClientCredentials();

    const app = GUID.test(clientId) ? await this.applications.findByAppId(tenantId, clientId.toLowerCase()) : null;
    const principal = app ? await this.principals.findByAppId(tenantId, app.appId) : null;
    if (!app || !principal) throw StsErrors.unknownClient(clientId, tenantId);
    if (!principal.accountEnabled) throw StsErrors.clientDisabled(app.appId);

    if (secret !== undefined) {
      this.checkSecret(app, secret);
      return { app, principal, proof: 'secret' };
    }
    if (assertion !== undefined || assertionType !== undefined) {
      if (assertion === undefined) throw StsErrors.missingParameter('client_assertion');
      if (assertionType !== JWT_BEARER) throw StsErrors.assertionType();
      await this.checkAssertion(tenantId, app, assertion, origin);
      return { app, principal, proof: 'certificate' };
    }
    if (allowPublic(app)) return { app, principal, proof: 'none' };
    throw StsErrors.noClientCredential();
  }

  private checkSecret(app: ApplicationRow, secret: string): void {
    const match = app.passwordCredentials.find((c) => secretMatches(c, secret));
    if (!match) throw StsErrors.badSecret(app.appId);
    const now = Date.now();
    if (new Date(match.endDateTime).getTime() <= now || new Date(match.startDateTime).getTime() > now) throw StsErrors.expiredSecret(app.appId);
  }

  /** RFC 7523 client authentication as Entra does it: the app's certificate by thumbprint, aud the token endpoint, jti once. */
  private async checkAssertion(tenantId: string, app: ApplicationRow, assertion: string, origin: string): Promise<void> {
    let header: ReturnType<typeof decodeProtectedHeader>;
    try {
      header = decodeProtectedHeader(assertion);
    } catch {
      throw StsErrors.malformedAssertion('The client assertion is not a signed JWT.');
    }
    if (header.alg !== 'RS256' && header.alg !== 'PS256')
      throw StsErrors.malformedAssertion(`The algorithm '${String(header.alg).slice(0, 20)}' is not supported; use RS256 or PS256.`);
    const key = certificateFor(app.keyCredentials, header['x5t#S256'], header.x5t);
    if (!key) throw StsErrors.assertionKeyNotFound(app.appId);

    let payload: Record<string, unknown>;
    try {
      const verified = await compactVerify(assertion, key, { algorithms: ['RS256', 'PS256'] });
      payload = JSON.parse(new TextDecoder().decode(verified.payload)) as Record<string, unknown>;
    } catch {
      throw StsErrors.assertionSignature();
    }
    if (typeof payload !== 'object' || payload === null) throw StsErrors.malformedAssertion('The payload is not a JSON object.');
    const { aud, iss, sub, exp, nbf, jti } = payload;
    const sameClient = (v: unknown) => typeof v === 'string' && v.toLowerCase() === app.appId;
    if (!sameClient(iss) || !sameClient(sub)) throw StsErrors.assertionClient();
    // The token endpoint as the issuer names itself, or as the client reached it (the discovery document's).
    const endpoints = [...new Set([this.base, origin])]
      .flatMap((b) => [`${b}/${tenantId}/oauth2/v2.0/token`, `${b}/${tenantId}/oauth2/token`])
      .map((e) => e.toLowerCase());
    const audiences = Array.isArray(aud) ? aud : [aud];
    if (!audiences.some((a) => typeof a === 'string' && endpoints.includes(a.toLowerCase())))
      throw StsErrors.assertionAudience(`${origin}/${tenantId}/oauth2/v2.0/token`);
    const now = Math.floor(Date.now() / 1000);
    if (typeof exp !== 'number' || exp + SKEW_SECONDS < now) throw StsErrors.assertionTime();
    if (nbf !== undefined && (typeof nbf !== 'number' || nbf - SKEW_SECONDS > now)) throw StsErrors.assertionTime();
    if (typeof jti !== 'string' || jti.length === 0 || jti.length > 256)
      throw StsErrors.malformedAssertion("The required field 'jti' is missing from the credential.");
    const fresh = await this.usedAssertions.remember(tenantId, app.appId, jti, new Date((exp + SKEW_SECONDS) * 1000));
    if (!fresh) throw StsErrors.assertionReplayed();
  }
}

/** The currently valid verification certificate whose SHA-256 (`x5t#S256`) or SHA-1 (`x5t`) thumbprint is named. */
function certificateFor(credentials: StoredKeyCredential[], x5tS256: unknown, x5t: unknown): KeyObject | undefined {
  const now = Date.now();
  for (const c of credentials) {
    if (c.type !== 'AsymmetricX509Cert' || c.usage !== 'Verify') continue;
    if (new Date(c.startDateTime).getTime() > now || new Date(c.endDateTime).getTime() <= now) continue;
    const der = Buffer.from(c.key, 'base64');
    const matches =
      (typeof x5tS256 === 'string' && createHash('sha256').update(der).digest('base64url') === x5tS256) ||
      (typeof x5t === 'string' && createHash('sha1').update(der).digest('base64url') === x5t);
    if (matches) return new X509Certificate(der).publicKey;
  }
  return undefined;
}
