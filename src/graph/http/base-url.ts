import type { FastifyRequest } from 'fastify';

const SAFE_HOST = /^[A-Za-z0-9.-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$/;

/**
 * The origin links are built from: PUBLIC_BASE_URL when configured, else the request's own scheme
 * and Host, so a client that called https://127.0.0.1:3443 gets links back to that origin.
 */
export function requestOrigin(request: FastifyRequest, publicBaseUrl?: string): string {
  if (publicBaseUrl) return publicBaseUrl;
  // A Host we would not put in a link (header injection, junk) falls back to the bound address.
  // An HTTP/1.0 request may have no Host at all.
  const host = typeof request.host === 'string' && SAFE_HOST.test(request.host) ? request.host : 'localhost';
  return `${request.protocol}://${host}`;
}

/** `v1.0` or `beta`, from the first path segment of a Graph route. */
export type GraphVersion = 'v1.0' | 'beta';

export function graphVersionOf(url: string): GraphVersion {
  return url.startsWith('/beta/') || url === '/beta' ? 'beta' : 'v1.0';
}
