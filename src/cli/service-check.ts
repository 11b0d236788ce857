import { get as httpGet } from 'node:http';
import { get as httpsGet } from 'node:https';

/** Why `npm run token` will not mint: the running service would answer 401. */
export class ServiceMismatchError extends Error {}

type Fetched = { status: number; body: string } | 'unreachable';

/** GET with a short timeout. The service's own (development) certificate is not verified: nothing secret is sent. */
function fetchText(url: string): Promise<Fetched> {
  return new Promise((resolve) => {
    const get = url.startsWith('https:') ? httpsGet : httpGet;
    const req = get(url, { timeout: 3000, rejectUnauthorized: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => {
        if (body.length < 1_000_000) body += c;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      res.on('error', () => resolve('unreachable'));
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve('unreachable'));
  });
}

const json = (f: Fetched): Record<string, unknown> | undefined => {
  if (f === 'unreachable' || f.status !== 200) return undefined;
  try {
    return JSON.parse(f.body) as Record<string, unknown>;
  } catch {
    return undefined;
  }
};

/**
 * Asks the service that the token names as its issuer whether it would accept the token: its discovery
 * document must name the same issuer and its JWKS must hold one of the keys of the database we sign
 * from (same database). Returns false when nothing answers there (no running service to ask); throws
 * ServiceMismatchError with one line when a service answers but would refuse the token.
 */
export async function serviceAccepts(issuerBase: string, tenantId: string, issuer: string, ownKids: ReadonlySet<string>): Promise<boolean> {
  const discoveryUrl = `${issuerBase}/${tenantId}/v2.0/.well-known/openid-configuration`;
  const discovery = await fetchText(discoveryUrl);
  if (discovery === 'unreachable') return false;
  const hint = "run npm run token with the service's PORT, HOST, PUBLIC_BASE_URL, TLS_* and DATABASE_URL or DATA_DIR";
  const doc = json(discovery);
  if (!doc || typeof doc.issuer !== 'string') {
    throw new ServiceMismatchError(`${issuerBase} answers, but not as this service's development issuer (HTTP ${discovery.status}); ${hint}.`);
  }
  if (doc.issuer !== issuer) {
    throw new ServiceMismatchError(`the service at ${issuerBase} names its issuer ${doc.issuer}, this token would name ${issuer}; ${hint}.`);
  }
  const jwks = json(await fetchText(`${issuerBase}/${tenantId}/discovery/v2.0/keys`));
  const kids = Array.isArray(jwks?.keys) ? (jwks.keys as { kid?: unknown }[]).map((k) => k.kid) : [];
  if (!kids.some((kid) => typeof kid === 'string' && ownKids.has(kid))) {
    throw new ServiceMismatchError(`the service at ${issuerBase} signs with other keys: it uses another database than this command; ${hint}.`);
  }
  return true;
}
