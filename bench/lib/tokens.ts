import jwt from 'jsonwebtoken';
import pg from 'pg';
import { claimsFor, type MintOptions } from '../../src/auth/tokens/mint-options.js';
import { devIssuer } from '../../src/auth/tokens/issuers.js';

/**
 * Signs a development token with the active key stored in the service's database, exactly as its
 * DevTokenIssuer would: for processes outside the server (the benchmark, tests that spawn it).
 * `issuerBase` is what the server names itself by: PUBLIC_BASE_URL, else `http://{HOST}:{PORT}`.
 */
export async function mintFromDatabase(databaseUrl: string, issuerBase: string, options: MintOptions): Promise<string> {
  const client = new pg.Client(databaseUrl);
  await client.connect();
  try {
    const { rows } = await client.query<{ kid: string; private_key_pem: string }>(
      'SELECT kid, private_key_pem FROM signing_keys WHERE retired_at IS NULL ORDER BY created_at DESC LIMIT 1',
    );
    if (!rows.length) throw new Error('no active signing key: has the server started on this database?');
    const now = Math.floor(Date.now() / 1000);
    const claims = {
      ...claimsFor(options),
      iss: devIssuer(issuerBase, options.tenantId),
      iat: now,
      nbf: now,
      exp: now + (options.lifetimeSeconds ?? 3600),
    };
    return jwt.sign(claims, rows[0].private_key_pem, { algorithm: 'RS256', keyid: rows[0].kid, noTimestamp: true });
  } finally {
    await client.end();
  }
}
