import type { FastifyReply, FastifyRequest } from 'fastify';

/** The browser cookie a sign-in transaction is bound to (the form post must carry it: login CSRF). */
export const SIGN_IN_COOKIE = 'graphdev_signin';

/** One cookie's value from the request's `Cookie` header (RFC 6265 syntax), or undefined. */
export function readCookie(request: FastifyRequest, name: string): string | undefined {
  const header = request.headers.cookie;
  if (typeof header !== 'string') return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

/** HttpOnly, SameSite=Lax, Secure on HTTPS; the whole site (the page posts to `/{tenant}/login`). */
export function setCookie(request: FastifyRequest, reply: FastifyReply, name: string, value: string, maxAgeSeconds: number): void {
  const secure = request.protocol === 'https' ? '; Secure' : '';
  void reply.header('set-cookie', `${name}=${value}; Path=/; Max-Age=${maxAgeSeconds}; HttpOnly; SameSite=Lax${secure}`);
}

export function clearCookie(request: FastifyRequest, reply: FastifyReply, name: string): void {
  setCookie(request, reply, name, '', 0);
}

/**
 * HttpOnly, for the whole site (the authorize routes of `common`/`organizations` too); a browser-session cookie (Entra's
 * ESTSAUTH without "Stay signed in"). On HTTPS `SameSite=None; Secure`, so that MSAL Browser's hidden iframe
 * (`ssoSilent`, `acquireTokenSilent`'s fallback) on the app's origin sends it; `SameSite=Lax` on plain HTTP.
 */
export function setSessionCookie(request: FastifyRequest, reply: FastifyReply, name: string, value: string, maxAgeSeconds?: number): void {
  const site = request.protocol === 'https' ? 'SameSite=None; Secure' : 'SameSite=Lax';
  const age = maxAgeSeconds === undefined ? '' : `; Max-Age=${maxAgeSeconds}`;
  void reply.header('set-cookie', `${name}=${value}; Path=/${age}; HttpOnly; ${site}`);
}
