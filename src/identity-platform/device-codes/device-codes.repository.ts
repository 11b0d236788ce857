import { Injectable } from '@nestjs/common';
import { Transactions } from '../../database/transactions.js';
import { returnedRows } from '../../directory/shared/query-result.js';

export interface StoredDeviceCode {
  deviceCodeHash: string;
  appId: string;
  scope: string;
  status: string;
  userId: string | null;
  amr: string[];
  methods: string[];
  expired: boolean;
}

function row(r: Record<string, unknown>): StoredDeviceCode {
  return {
    deviceCodeHash: r.device_code_hash as string,
    appId: r.app_id as string,
    scope: r.scope as string,
    status: r.status as string,
    userId: r.user_id as string | null,
    amr: r.amr as string[],
    methods: r.methods as string[],
    expired: r.expired as boolean,
  };
}

const COLUMNS = 'device_code_hash, app_id, scope, status, user_id, amr, methods, expires_at <= now() AS expired';

/** Every query on device codes, tenant first. */
@Injectable()
export class DeviceCodesRepository {
  constructor(private readonly tx: Transactions) {}

  /** False when the user code's hash is taken in the tenant (the caller draws another). */
  insert(tenantId: string, deviceCodeHash: string, userCodeHash: string, appId: string, scope: string, expiresAt: Date): Promise<boolean> {
    return this.tx.run(async (m) => {
      const result: unknown[] = await m.query(
        `INSERT INTO identity_platform_device_codes (tenant_id, device_code_hash, user_code_hash, app_id, scope, status, expires_at)
         VALUES ($1, $2, $3, $4, $5, 'pending', $6) ON CONFLICT DO NOTHING RETURNING 1`,
        [tenantId, deviceCodeHash, userCodeHash, appId, scope, expiresAt],
      );
      return returnedRows(result).length === 1;
    });
  }

  findByUserCode(tenantId: string, userCodeHash: string): Promise<StoredDeviceCode | null> {
    return this.tx.run(async (m) => {
      const rows: Record<string, unknown>[] = await m.query(
        `SELECT ${COLUMNS} FROM identity_platform_device_codes WHERE tenant_id = $1 AND user_code_hash = $2`,
        [tenantId, userCodeHash],
      );
      return rows[0] ? row(rows[0]) : null;
    });
  }

  findByDeviceCode(tenantId: string, deviceCodeHash: string): Promise<StoredDeviceCode | null> {
    return this.tx.run(async (m) => {
      const rows: Record<string, unknown>[] = await m.query(
        `SELECT ${COLUMNS} FROM identity_platform_device_codes WHERE tenant_id = $1 AND device_code_hash = $2`,
        [tenantId, deviceCodeHash],
      );
      return rows[0] ? row(rows[0]) : null;
    });
  }

  /** `pending` → `approved` by this user, once. */
  approve(tenantId: string, deviceCodeHash: string, userId: string, amr: string[], methods: string[]): Promise<boolean> {
    return this.tx.run(async (m) => {
      const result: unknown[] = await m.query(
        `UPDATE identity_platform_device_codes SET status = 'approved', user_id = $3, amr = $4, methods = $5
          WHERE tenant_id = $1 AND device_code_hash = $2 AND status = 'pending' AND expires_at > now() RETURNING 1`,
        [tenantId, deviceCodeHash, userId, JSON.stringify(amr), JSON.stringify(methods)],
      );
      return returnedRows(result).length === 1;
    });
  }

  /** `pending` → `declined` (Cancel on the device page), once: a code approved meanwhile is not declined, nor the reverse. */
  decline(tenantId: string, deviceCodeHash: string): Promise<boolean> {
    return this.tx.run(async (m) => {
      const result: unknown[] = await m.query(
        `UPDATE identity_platform_device_codes SET status = 'declined'
          WHERE tenant_id = $1 AND device_code_hash = $2 AND status = 'pending' AND expires_at > now() RETURNING 1`,
        [tenantId, deviceCodeHash],
      );
      return returnedRows(result).length === 1;
    });
  }

  /** `declined` → `declined-spent`, once: the poll that wins tells the client `authorization_declined`. */
  spendDeclined(tenantId: string, deviceCodeHash: string, appId: string): Promise<boolean> {
    return this.tx.run(async (m) => {
      const result: unknown[] = await m.query(
        `UPDATE identity_platform_device_codes SET status = 'declined-spent'
          WHERE tenant_id = $1 AND device_code_hash = $2 AND app_id = $3 AND status = 'declined' RETURNING 1`,
        [tenantId, deviceCodeHash, appId],
      );
      return returnedRows(result).length === 1;
    });
  }

  /** `approved` → `redeemed`, once (one conditional UPDATE: of concurrent polls one wins). */
  redeem(tenantId: string, deviceCodeHash: string, appId: string): Promise<boolean> {
    return this.tx.run(async (m) => {
      const result: unknown[] = await m.query(
        `UPDATE identity_platform_device_codes SET status = 'redeemed'
          WHERE tenant_id = $1 AND device_code_hash = $2 AND app_id = $3 AND status = 'approved' AND expires_at > now() RETURNING 1`,
        [tenantId, deviceCodeHash, appId],
      );
      return returnedRows(result).length === 1;
    });
  }
}
