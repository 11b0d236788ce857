/**
 * Entra's redirect URI (reply URL) restrictions (learn.microsoft.com/entra/identity-platform/reply-url):
 * absolute URIs of at most 256 characters, no fragment, no wildcard; `web` and `spa` need `https`, except
 * `http` on the loopback host (localhost, 127.0.0.1, [::1]); public clients may use any scheme (custom
 * schemes such as `msal{appId}://auth`, or `http://localhost`). At most 256 per app.
 */
export const REDIRECT_URI_MAX_LENGTH = 256;
export const REDIRECT_URIS_MAX = 256;

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

function parse(value: unknown): URL | undefined {
  if (typeof value !== 'string' || value.length === 0 || value.length > REDIRECT_URI_MAX_LENGTH) return undefined;
  if (value.includes('#') || value.includes('*') || /\s/.test(value)) return undefined;
  try {
    return new URL(value);
  } catch {
    return undefined;
  }
}

/** A `web` or `spa` redirect URI: https, or http on the loopback host. */
export function isWebRedirectUri(value: unknown): boolean {
  const url = parse(value);
  if (!url) return false;
  return url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK.has(url.hostname));
}

/** A public client (mobile, desktop) redirect URI: any absolute URI with a scheme. */
export function isPublicClientRedirectUri(value: unknown): boolean {
  const url = parse(value);
  return !!url && /^[a-z][a-z0-9+.-]*:$/i.test(url.protocol) && url.protocol !== 'javascript:' && url.protocol !== 'data:';
}

export const WEB_REDIRECT_URI_RULE =
  'must be absolute https URIs (http only for localhost, 127.0.0.1 or [::1]) of at most 256 characters, without fragment or wildcard';
export const PUBLIC_CLIENT_REDIRECT_URI_RULE = 'must be absolute URIs of at most 256 characters, without fragment or wildcard';
