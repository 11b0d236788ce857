/**
 * The authorize endpoint's two kinds of refusal, as Entra's: before the redirect URI is known to be registered for
 * the client, an error PAGE (never a redirect: an unregistered URI must not receive anything); after, the error goes
 * back to the redirect URI (`error`, `error_description` with the AADSTS number, `state`).
 */
export class AuthorizePageError extends Error {
  constructor(
    readonly aadsts: number,
    readonly text: string,
    readonly status = 400,
  ) {
    super(`AADSTS${aadsts}: ${text}`);
  }
}

/** An OAuth error for the client, delivered to its redirect URI in its response mode. */
export class AuthorizeRedirectError extends Error {
  constructor(
    readonly error: string,
    readonly aadsts: number,
    readonly text: string,
  ) {
    super(`AADSTS${aadsts}: ${text}`);
  }
}

export const AuthorizeErrors = {
  tenantNotFound: (tenant: string) =>
    new AuthorizePageError(90002, `Tenant '${tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.`),
  missingParameter: (name: string) => new AuthorizePageError(900144, `The request body must contain the following parameter: '${name}'.`),
  duplicateParameter: (name: string) => new AuthorizePageError(9000411, `The request is not properly formatted. The parameter '${name}' is duplicated.`),
  unknownClient: (appId: string, tenant: string) =>
    new AuthorizePageError(
      700016,
      `Application with identifier '${appId}' was not found in the directory '${tenant}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant. You may have sent your authentication request to the wrong tenant.`,
    ),
  ambiguousClient: (appId: string) =>
    new AuthorizePageError(
      50194,
      `Application '${appId}' is registered in more than one tenant here: use a tenant-specific endpoint instead of /common or /organizations.`,
    ),
  clientDisabled: (appId: string) => new AuthorizePageError(7000112, `Application '${appId}' is disabled.`),
  redirectUriMismatch: (uri: string, appId: string) =>
    new AuthorizePageError(
      50011,
      `The redirect URI '${uri}' specified in the request does not match the redirect URIs configured for the application '${appId}'. Make sure the redirect URI sent in the request matches one added to your application in the Azure portal.`,
    ),
  unsupportedResponseType: (type: string) =>
    new AuthorizeRedirectError(
      'unsupported_response_type',
      70005,
      `The application requested an unsupported response type '${type}'. Only 'code' is served by this provider.`,
    ),
  unsupportedResponseMode: (mode: string) =>
    new AuthorizeRedirectError('invalid_request', 70007, `The application requested an unsupported response mode '${mode}'.`),
  invalidRequest: (text: string) => new AuthorizeRedirectError('invalid_request', 90023, text),
  missingRedirectParameter: (name: string) =>
    new AuthorizeRedirectError('invalid_request', 900144, `The request body must contain the following parameter: '${name}'.`),
  pkceRequired: () =>
    new AuthorizeRedirectError('invalid_request', 9002325, 'Proof Key for Code Exchange is required for cross-origin authorization code redemption.'),
  codeChallengeMethod: (method: string) =>
    new AuthorizeRedirectError('invalid_request', 501491, `Invalid code_challenge_method '${method}': only 'S256' is accepted.`),
  codeChallengeSize: () => new AuthorizeRedirectError('invalid_request', 501491, 'Invalid size of Code_Challenge parameter.'),
  loginRequired: () =>
    new AuthorizeRedirectError(
      'login_required',
      50058,
      "A silent sign-in request was sent but no user is signed in. The cookies used to represent the user's session were not sent in the request to Azure AD.",
    ),
  /** `prompt=none` with a session that Conditional Access finds short (more authentication, a block): MSAL then goes interactive. */
  interactionRequired: (aadsts: number, text: string) => new AuthorizeRedirectError('interaction_required', aadsts, text),
};
