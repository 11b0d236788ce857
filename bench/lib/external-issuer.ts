import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import jwt from 'jsonwebtoken';

/**
 * An external token issuer as Entra is one to the service: its own RSA key, published as a JWKS
 * document over HTTP (the service is started with AUTH_JWKS_URI pointing here), tokens with Entra's
 * `iss` (`https://sts.windows.net/{tid}/`) and Graph's audience. Runs in the bench's own process,
 * off the service's core; the service fetches the document once per key id.
 */
export interface ExternalIssuer {
  jwksUri: string;
  token(tenantId: string, roles: string[]): string;
  close(): Promise<void>;
}

export async function startExternalIssuer(): Promise<ExternalIssuer> {
  const kid = 'bench-external-1';
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwks = JSON.stringify({ keys: [{ ...publicKey.export({ format: 'jwk' }), kid, use: 'sig', alg: 'RS256' }] });
  const server: Server = createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(jwks));
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address() as { port: number };
  return {
    jwksUri: `http://127.0.0.1:${port}/discovery/v2.0/keys`,
    token: (tenantId, roles) =>
      jwt.sign(
        { aud: '00000003-0000-0000-c000-000000000000', iss: `https://sts.windows.net/${tenantId}/`, tid: tenantId, oid: randomUUID(), roles },
        privateKey,
        { algorithm: 'RS256', keyid: kid, expiresIn: 3600 },
      ),
    close: () => new Promise((ok) => server.close(() => ok())),
  };
}
