import { Injectable } from '@nestjs/common';
import { Transactions } from '../../database/transactions.js';
import { returnedRows } from '../../directory/shared/query-result.js';

export interface NewAuthorizationCode {
  appId: string;
  redirectUri: string;
  platform: string;
  codeChallenge: string | null;
  scope: string;
  nonce: string | null;
  claims: string | null;
  userId: string;
  amr: string[];
  /** The sign-in's methods (strength mode names). */
  methods: string[];
  authTime: Date;
  expiresAt: Date;
}

export interface StoredAuthorizationCode extends Omit<NewAuthorizationCode, 'expiresAt'> {
  used: boolean;
  expired: boolean;
}

/** Every query on authorization codes, tenant first. */
@Injectable()
export class AuthorizationCodesRepository {
  constructor(private readonly tx: Transactions) {}

  insert(tenantId: string, codeHash: string, c: NewAuthorizationCode): Promise<void> {
    return this.tx.run(async (m) => {
      await m.query(
        `INSERT INTO identity_platform_authorization_codes
           (tenant_id, code_hash, app_id, redirect_uri, platform, code_challenge, scope, nonce, claims, user_id, amr, methods, auth_time, expires_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
        [
          tenantId,
          codeHash,
          c.appId,
          c.redirectUri,
          c.platform,
          c.codeChallenge,
          c.scope,
          c.nonce,
          c.claims,
          c.userId,
          JSON.stringify(c.amr),
          JSON.stringify(c.methods),
          c.authTime,
          c.expiresAt,
        ],
      );
    });
  }

  find(tenantId: string, codeHash: string): Promise<StoredAuthorizationCode | null> {
    return this.tx.run(async (m) => {
      const rows: Record<string, unknown>[] = await m.query(
        `SELECT app_id, redirect_uri, platform, code_challenge, scope, nonce, claims, user_id, amr, methods, auth_time,
                used_at IS NOT NULL AS used, expires_at <= now() AS expired
           FROM identity_platform_authorization_codes WHERE tenant_id = $1 AND code_hash = $2`,
        [tenantId, codeHash],
      );
      const r = rows[0];
      return r
        ? {
            appId: r.app_id as string,
            redirectUri: r.redirect_uri as string,
            platform: r.platform as string,
            codeChallenge: r.code_challenge as string | null,
            scope: r.scope as string,
            nonce: r.nonce as string | null,
            claims: r.claims as string | null,
            userId: r.user_id as string,
            amr: r.amr as string[],
            methods: r.methods as string[],
            authTime: r.auth_time as Date,
            used: r.used as boolean,
            expired: r.expired as boolean,
          }
        : null;
    });
  }

  /** Marks the code used; one conditional UPDATE, so of two concurrent redemptions exactly one gets true. */
  redeem(tenantId: string, codeHash: string, appId: string): Promise<boolean> {
    return this.tx.run(async (m) => {
      const result: unknown[] = await m.query(
        `UPDATE identity_platform_authorization_codes SET used_at = now()
          WHERE tenant_id = $1 AND code_hash = $2 AND app_id = $3 AND used_at IS NULL AND expires_at > now() RETURNING 1`,
        [tenantId, codeHash, appId],
      );
      return returnedRows(result).length === 1;
    });
  }
}
