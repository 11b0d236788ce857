import { StsError } from '../errors/sts-error.js';
import { requestedScopes } from '../grants/delegated-scopes.js';
import { AuthorizeErrors, AuthorizeRedirectError } from './authorize-errors.js';

/** Where a redirect URI is registered: `web` (a confidential client redeems), `spa` or `publicClient` (public). */
export type RedirectPlatform = 'web' | 'spa' | 'publicClient';
export type ResponseMode = 'query' | 'fragment' | 'form_post';
const RESPONSE_MODES: readonly string[] = ['query', 'fragment', 'form_post'];
const PROMPTS: readonly string[] = ['login', 'select_account', 'consent', 'none'];
/** RFC 7636 §4.2: a base64url S256 challenge is 43 characters; a verifier 43-128. */
const CHALLENGE = /^[A-Za-z0-9_-]{43,128}$/;

/** The validated authorize request, kept in the sign-in transaction (JSON) until the code is issued. */
export interface AuthorizeRequest {
  kind: 'authorize';
  clientId: string;
  redirectUri: string;
  platform: RedirectPlatform;
  responseMode: ResponseMode;
  scope: string;
  state?: string;
  nonce?: string;
  codeChallenge?: string;
  prompt?: string;
  loginHint?: string;
  /** The `claims` parameter (JSON), for the Conditional Access step (authentication contexts asked for). */
  claims?: string;
}

/** An authorize request's parameters (query or form), each at most once. */
export class AuthorizeParams {
  constructor(private readonly values: Map<string, string>) {}

  static from(pairs: Iterable<[string, string]>): AuthorizeParams {
    const values = new Map<string, string>();
    for (const [name, value] of pairs) {
      if (values.has(name)) throw AuthorizeErrors.duplicateParameter(name.slice(0, 64));
      values.set(name, value);
    }
    return new AuthorizeParams(values);
  }

  get(name: string): string | undefined {
    const v = this.values.get(name);
    return v === undefined || v === '' ? undefined : v;
  }
}

/**
 * The platform under which `uri` is registered for the app, or undefined: an exact string match, else (Entra's
 * "localhost exceptions", RFC 8252 §7.3) a `localhost`/`127.0.0.1` URI whose port alone differs from a registered one,
 * since a native client listens on an ephemeral port. Exact matches win over port-only matches.
 */
export function registeredPlatform(
  app: { web: { redirectUris?: string[] } | null; spaRedirectUris: string[]; publicClientRedirectUris: string[] },
  uri: string,
): RedirectPlatform | undefined {
  const platforms: [RedirectPlatform, string[]][] = [
    ['web', app.web?.redirectUris ?? []],
    ['spa', app.spaRedirectUris],
    ['publicClient', app.publicClientRedirectUris],
  ];
  for (const [platform, uris] of platforms) if (uris.includes(uri)) return platform;
  const loopback = withoutLoopbackPort(uri);
  if (loopback === undefined) return undefined;
  for (const [platform, uris] of platforms) if (uris.some((registered) => withoutLoopbackPort(registered) === loopback)) return platform;
  return undefined;
}

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1']);

/** A loopback URI without its port (scheme, host, path and query kept as written), or undefined for any other URI. */
function withoutLoopbackPort(uri: string): string | undefined {
  const parsed = URL.canParse(uri) ? new URL(uri) : undefined;
  if (!parsed || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') || !LOOPBACK_HOSTS.has(parsed.hostname)) return undefined;
  if (parsed.username || parsed.password || parsed.hash) return undefined;
  return `${parsed.protocol}//${parsed.hostname}${parsed.pathname}${parsed.search}`;
}

/**
 * The rest of the request, once the redirect URI is trusted: every refusal here goes back to it. A public client
 * (SPA or public-client redirect URI) must send an S256 `code_challenge`; `plain` is refused for every client.
 */
export function validateAfterRedirect(
  params: AuthorizeParams,
  tenantId: string,
  clientId: string,
  redirectUri: string,
  platform: RedirectPlatform,
): AuthorizeRequest {
  const responseMode = params.get('response_mode') ?? 'query';
  if (!RESPONSE_MODES.includes(responseMode)) throw AuthorizeErrors.unsupportedResponseMode(responseMode.slice(0, 64));
  const responseType = params.get('response_type');
  if (!responseType) throw AuthorizeErrors.missingRedirectParameter('response_type');
  if (responseType !== 'code') throw AuthorizeErrors.unsupportedResponseType(responseType.slice(0, 64));
  const scope = params.get('scope');
  if (!scope) throw AuthorizeErrors.missingRedirectParameter('scope');
  try {
    requestedScopes(scope, tenantId);
  } catch (e) {
    if (e instanceof StsError) throw new AuthorizeRedirectError(e.error, e.aadsts, e.text);
    throw e;
  }
  const challenge = params.get('code_challenge');
  const method = params.get('code_challenge_method');
  if (challenge !== undefined) {
    if ((method ?? 'plain') !== 'S256') throw AuthorizeErrors.codeChallengeMethod((method ?? 'plain').slice(0, 32));
    if (!CHALLENGE.test(challenge)) throw AuthorizeErrors.codeChallengeSize();
  } else if (method !== undefined) {
    throw AuthorizeErrors.missingRedirectParameter('code_challenge');
  } else if (platform !== 'web') {
    throw AuthorizeErrors.pkceRequired();
  }
  const prompt = params.get('prompt');
  if (prompt !== undefined && !PROMPTS.includes(prompt))
    throw AuthorizeErrors.invalidRequest(`Invalid value '${prompt.slice(0, 64)}' for the parameter 'prompt'.`);
  const claims = params.get('claims');
  if (claims !== undefined) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(claims);
    } catch {
      parsed = undefined;
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
      throw AuthorizeErrors.invalidRequest("The 'claims' parameter is not a valid JSON object.");
  }
  const limit = (name: string, max: number) => {
    const v = params.get(name);
    if (v !== undefined && v.length > max) throw AuthorizeErrors.invalidRequest(`The parameter '${name}' is too long.`);
    return v;
  };
  return {
    kind: 'authorize',
    clientId,
    redirectUri,
    platform,
    responseMode: responseMode as ResponseMode,
    scope: limit('scope', 2048)!,
    state: limit('state', 4096),
    nonce: limit('nonce', 1024),
    codeChallenge: challenge,
    prompt,
    loginHint: limit('login_hint', 256),
    claims: limit('claims', 8192),
  };
}
