import { Injectable } from '@nestjs/common';
import { Transactions } from '../../database/transactions.js';
import { returnedRows } from '../../directory/shared/query-result.js';

export interface RedeemedRefreshToken {
  appId: string;
  userId: string;
  scope: string;
  expired: boolean;
  publicClient: boolean;
  /** The methods of the sign-in the token continues. */
  methods: string[];
  /** When it was issued, epoch seconds (whole: compared with the user's sessions' `validFrom`, whole seconds too). */
  issuedAt: number;
}

/** Every query on refresh tokens, tenant first. */
@Injectable()
export class RefreshTokensRepository {
  constructor(private readonly tx: Transactions) {}

  insert(
    tenantId: string,
    tokenHash: string,
    appId: string,
    userId: string,
    scope: string,
    expiresAt: Date,
    publicClient: boolean,
    methods: readonly string[],
  ): Promise<void> {
    return this.tx.run(async (m) => {
      await m.query(
        `INSERT INTO identity_platform_refresh_tokens (tenant_id, token_hash, app_id, user_id, scope, expires_at, public_client, methods) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [tenantId, tokenHash, appId, userId, scope, expiresAt, publicClient, JSON.stringify(methods)],
      );
    });
  }

  /**
   * Marks the token used and returns what it was issued for; null when unknown, already used or of another client.
   * One conditional UPDATE: of two concurrent redemptions exactly one wins.
   */
  redeem(tenantId: string, tokenHash: string, appId: string): Promise<RedeemedRefreshToken | null> {
    return this.tx.run(async (m) => {
      const result: unknown[] = await m.query(
        `UPDATE identity_platform_refresh_tokens SET used_at = now()
          WHERE tenant_id = $1 AND token_hash = $2 AND app_id = $3 AND used_at IS NULL
          RETURNING app_id, user_id, scope, expires_at <= now() AS expired, public_client, methods, floor(extract(epoch FROM issued_at))::bigint AS issued_at`,
        [tenantId, tokenHash, appId],
      );
      const r = returnedRows(result)[0] as
        { app_id: string; user_id: string; scope: string; expired: boolean; public_client: boolean; methods: string[]; issued_at: string } | undefined;
      return r
        ? {
            appId: r.app_id,
            userId: r.user_id,
            scope: r.scope,
            expired: r.expired,
            publicClient: r.public_client,
            methods: r.methods,
            issuedAt: Number(r.issued_at),
          }
        : null;
    });
  }
}
