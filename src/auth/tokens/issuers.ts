import type { AppConfig } from '../../config/app-config.js';

/** The development issuer's `iss` for a tenant: `{base}/{tid}/v2.0`, as Entra's v2 issuers. */
export function devIssuer(base: string, tenantId: string): string {
  return `${base}/${tenantId}/v2.0`;
}

/**
 * The base URL the development issuer names itself by: PUBLIC_BASE_URL, else the address the
 * service listens on. It must not depend on how a client reached us, or tokens would change meaning.
 */
export function devIssuerBase(config: AppConfig): string {
  if (config.publicBaseUrl) return config.publicBaseUrl;
  const host = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  return `${config.tls ? 'https' : 'http'}://${host}:${config.port}`;
}

/** Entra's issuers, accepted from AUTH_JWKS_URI keys when AUTH_ISSUER is not set. */
const ENTRA_ISSUERS = ['https://sts.windows.net/{tenantid}/', 'https://login.microsoftonline.com/{tenantid}/v2.0'];

/** Whether an external token's `iss` is one of the configured issuers, `{tenantid}` bound to its `tid`. */
export function isAcceptedExternalIssuer(config: AppConfig, iss: unknown, tenantId: string): boolean {
  if (typeof iss !== 'string') return false;
  const patterns = config.auth.issuers ?? ENTRA_ISSUERS;
  return patterns.some((p) => p.replaceAll('{tenantid}', tenantId).toLowerCase() === iss.toLowerCase());
}

/** Microsoft Graph's audiences, as Entra issues them; the development issuer's tokens must name one (DECISIONS §10). */
export const GRAPH_AUDIENCES: ReadonlySet<string> = new Set([
  'https://graph.microsoft.com',
  'https://graph.microsoft.com/',
  '00000003-0000-0000-c000-000000000000',
]);

/** Audiences compare without a trailing slash (Graph accepts `https://graph.microsoft.com/` too). */
export function acceptedAudiences(config: AppConfig): string[] {
  return config.auth.audiences.flatMap((a) => {
    const bare = a.replace(/\/+$/, '');
    return bare.startsWith('http') ? [bare, `${bare}/`] : [bare];
  });
}
