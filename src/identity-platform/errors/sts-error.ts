import { randomUUID } from 'node:crypto';

/** An OAuth error code of the token endpoint (RFC 6749 §5.2, as Entra uses them). */
export type StsErrorCode =
  | 'invalid_request'
  | 'invalid_client'
  | 'invalid_grant'
  | 'unauthorized_client'
  | 'unsupported_grant_type'
  | 'invalid_scope'
  | 'invalid_resource'
  | 'authorization_pending'
  | 'authorization_declined'
  | 'expired_token'
  | 'bad_verification_code';

/**
 * A refusal of the token endpoint, answered in Entra's shape (`StsErrorFilter`): the `AADSTS` number leads the
 * description and is the only entry of `error_codes`. Numbers and texts: docs/choices.md "Sign-in: the token endpoint".
 */
export class StsError extends Error {
  constructor(
    readonly status: 400 | 401,
    readonly error: StsErrorCode,
    readonly aadsts: number,
    readonly text: string,
    /** Entra's `suberror` (MSAL reads it: `basic_action`, `message_only`, ...) and `claims` challenge, when it sends them. */
    readonly extra: { suberror?: string; claims?: string } = {},
  ) {
    super(`AADSTS${aadsts}: ${text}`);
  }
}

/** Entra's claims challenge naming the Conditional Access policies that stopped the sign-in (`capolids`). */
const capolidsChallenge = (policyIds: string[]) => JSON.stringify({ access_token: { capolids: { essential: true, values: policyIds } } });

/** Epoch seconds as Entra writes dates in its messages (`2024-05-01T10:00:00.0000000Z`). */
const stsDate = (seconds: number) => new Date(seconds * 1000).toISOString().replace(/\.\d{3}Z$/, '.0000000Z');

/** Entra's refusals, by number. */
export const StsErrors = {
  missingParameter: (name: string) => new StsError(400, 'invalid_request', 900144, `The request body must contain the following parameter: '${name}'.`),
  duplicateParameter: (name: string) =>
    new StsError(400, 'invalid_request', 9000411, `The request is not properly formatted. The parameter '${name}' is duplicated.`),
  malformedParameter: (name: string) =>
    new StsError(400, 'invalid_request', 900144, `The request is not properly formatted: the parameter '${name}' is malformed.`),
  tenantNotFound: (tenant: string) =>
    new StsError(
      400,
      'invalid_request',
      90002,
      `Tenant '${tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.`,
    ),
  unsupportedGrant: (grant: string) => new StsError(400, 'unsupported_grant_type', 70003, `The app requested an unsupported grant type '${grant}'.`),
  unknownClient: (appId: string, tenant: string) =>
    new StsError(
      400,
      'unauthorized_client',
      700016,
      `Application with identifier '${appId}' was not found in the directory '${tenant}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant.`,
    ),
  noClientCredential: () =>
    new StsError(401, 'invalid_client', 7000218, "The request body must contain the following parameter: 'client_assertion' or 'client_secret'."),
  badSecret: (appId: string) =>
    new StsError(
      401,
      'invalid_client',
      7000215,
      `Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${appId}'.`,
    ),
  expiredSecret: (appId: string) => new StsError(401, 'invalid_client', 7000222, `The provided client secret keys for app '${appId}' are expired.`),
  twoClientCredentials: () => new StsError(400, 'invalid_request', 90023, 'Only one of client_secret and client_assertion may be presented.'),
  publicClientWithCredential: () =>
    new StsError(400, 'invalid_client', 700025, "Client is public so neither 'client_assertion' nor 'client_secret' should be presented."),
  assertionType: () =>
    new StsError(
      400,
      'invalid_request',
      50027,
      "Invalid JWT token. The client_assertion_type must be 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer'.",
    ),
  malformedAssertion: (reason: string) => new StsError(400, 'invalid_request', 50027, `Invalid JWT token. ${reason}`),
  assertionKeyNotFound: (appId: string) =>
    new StsError(
      401,
      'invalid_client',
      700027,
      `Client assertion failed signature validation. [Reason - The key was not found., Thumbprint of key used by client: (see x5t header). Please visit the Azure Portal, Graph Explorer or directly use MS Graph to see configured keys for app Id '${appId}'.]`,
    ),
  assertionSignature: () =>
    new StsError(401, 'invalid_client', 700027, 'Client assertion failed signature validation. [Reason - The signature does not match.]'),
  assertionTime: () => new StsError(401, 'invalid_client', 700024, 'Client assertion is not within its valid time range.'),
  assertionClient: () => new StsError(401, 'invalid_client', 700021, "Client assertion application identifier doesn't match 'client_id' parameter."),
  assertionAudience: (expected: string) =>
    new StsError(401, 'invalid_client', 700023, `Client assertion audience claim does not match Realm issuer. Expected '${expected}'.`),
  assertionReplayed: () =>
    new StsError(
      401,
      'invalid_client',
      50013,
      "Assertion failed signature validation. [Reason - The provided client assertion has already been used (its 'jti').]",
    ),
  scopeMissing: () => new StsError(400, 'invalid_scope', 70011, "The provided request must include a 'scope' input parameter."),
  scopeInvalid: (scope: string) =>
    new StsError(400, 'invalid_scope', 70011, `The provided value for the input parameter 'scope' is not valid. The scope ${scope} is not valid.`),
  scopeDefaultRequired: (scope: string) =>
    new StsError(
      400,
      'invalid_scope',
      1002012,
      `The provided value for scope ${scope} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI).`,
    ),
  resourceNotFound: (resource: string, tenant: string) =>
    new StsError(
      400,
      'invalid_resource',
      500011,
      `The resource principal named ${resource} was not found in the tenant named ${tenant}. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You might have sent your authentication request to the wrong tenant.`,
    ),
  badUserCredentials: () => new StsError(400, 'invalid_grant', 50126, 'Error validating credentials due to invalid username or password.'),
  userDisabled: () => new StsError(400, 'invalid_grant', 50057, 'The user account is disabled.'),
  accountLocked: () =>
    new StsError(400, 'invalid_grant', 50053, "The account is locked, you've tried to sign in too many times with an incorrect user ID or password."),
  strongAuthenticationFailed: () => new StsError(400, 'invalid_grant', 500121, 'Authentication failed during strong authentication request.'),
  passwordExpired: () => new StsError(400, 'invalid_grant', 50055, 'The password is expired.'),
  consentRequired: (appId: string, name: string) =>
    new StsError(
      400,
      'invalid_grant',
      65001,
      `The user or administrator has not consented to use the application with ID '${appId}' named '${name}'. Send an interactive authorization request for this user and resource.`,
    ),
  invalidRefreshToken: () =>
    new StsError(
      400,
      'invalid_grant',
      70000,
      'Provided grant is invalid or malformed. The refresh token is unknown, was already redeemed, or was issued to another client.',
    ),
  /** The user's sessions were revoked (revokeSignInSessions, disabling, deletion) after the grant was issued. */
  revokedGrant: (issuedAt: number, validFrom: number) =>
    new StsError(
      400,
      'invalid_grant',
      50173,
      `The provided grant has expired due to it being revoked, a fresh auth token is needed. The user might have changed or reset their password. The grant was issued on '${stsDate(issuedAt)}' and the TokensValidFrom date (before which tokens are not valid) for this user is '${stsDate(validFrom)}'.`,
    ),
  expiredRefreshToken: () => new StsError(400, 'invalid_grant', 70008, 'The provided authorization code or refresh token has expired due to inactivity.'),
  /** A Conditional Access block (or a control that cannot be satisfied here), as Entra answers it. */
  conditionalAccessBlocked: (policyIds: string[]) =>
    new StsError(400, 'invalid_grant', 53003, 'Access has been blocked by Conditional Access policies. The access policy does not allow token issuance.', {
      suberror: 'message_only',
      claims: capolidsChallenge(policyIds),
    }),
  /** Conditional Access asks for more than was done (MFA or an authentication strength): interactive sign-in needed. */
  mfaRequired: (resource: string, policyIds: string[]) =>
    new StsError(
      400,
      'invalid_grant',
      50076,
      `Due to a configuration change made by your administrator, or because you moved to a new location, you must use multi-factor authentication to access '${resource}'.`,
      { suberror: 'basic_action', claims: capolidsChallenge(policyIds) },
    ),
  invalidCode: () =>
    new StsError(400, 'invalid_grant', 70000, 'Provided grant is invalid or malformed. The authorization code is unknown, or was issued to another client.'),
  codeRedeemed: () =>
    new StsError(
      400,
      'invalid_grant',
      54005,
      'OAuth2 Authorization code was already redeemed, please retry with a new valid code or use an existing refresh token.',
    ),
  expiredCode: () =>
    new StsError(
      400,
      'invalid_grant',
      70008,
      'The provided authorization code or refresh token has expired due to inactivity. Send a new interactive authorization request for this user and resource.',
    ),
  codeRedirectMismatch: () =>
    new StsError(
      400,
      'invalid_grant',
      70000,
      "The provided value for the 'redirect_uri' is not valid. The value must exactly match the redirect URI used to obtain the authorization code.",
    ),
  pkceMismatch: () => new StsError(400, 'invalid_grant', 501481, 'The Code_Verifier does not match the code_challenge supplied in the authorization request.'),
  grantNotOnCommon: () =>
    new StsError(
      400,
      'invalid_request',
      9001023,
      'The grant type is not supported over the /common or /consumers endpoints. Please use the /organizations or tenant-specific endpoint.',
    ),
  authorizationPending: () => new StsError(400, 'authorization_pending', 70016, 'OAuth 2.0 device flow error. Authorization is pending. Continue polling.'),
  deviceCodeExpired: () => new StsError(400, 'expired_token', 70019, 'Verification code expired.'),
  badVerificationCode: () =>
    new StsError(
      400,
      'bad_verification_code',
      70018,
      'Invalid verification code. The device code is unknown, was issued to another client, or was already used.',
    ),
  clientDisabled: (appId: string) => new StsError(400, 'unauthorized_client', 7000112, `Application '${appId}' is disabled.`),
};

/** Entra's body for a refusal: `error_description` carries the trace, correlation id and timestamp lines. */
export function stsErrorBody(e: StsError, correlationId: string, errorUriBase: string, now = new Date()) {
  const traceId = randomUUID();
  // Entra's timestamp: `2024-05-01 12:34:56Z`.
  const timestamp = `${now.toISOString().slice(0, 19).replace('T', ' ')}Z`;
  return {
    error: e.error,
    error_description: `${e.message}\r\nTrace ID: ${traceId}\r\nCorrelation ID: ${correlationId}\r\nTimestamp: ${timestamp}`,
    error_codes: [e.aadsts],
    timestamp,
    trace_id: traceId,
    correlation_id: correlationId,
    error_uri: `${errorUriBase}/error?code=${e.aadsts}`,
    ...(e.extra.suberror ? { suberror: e.extra.suberror } : {}),
    ...(e.extra.claims ? { claims: e.extra.claims } : {}),
  };
}
