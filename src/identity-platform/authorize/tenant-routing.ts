import { Injectable } from '@nestjs/common';
import { Transactions } from '../../database/transactions.js';

/** The multi-tenant segments Entra serves for work accounts (`consumers` is Microsoft accounts: not served). */
export const MULTI_TENANT_SEGMENTS: readonly string[] = ['common', 'organizations'];

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The tenant a code or refresh token belongs to travels in its value, as Entra's do: `0.<tenant, 16 bytes
 * base64url>.<secret>`. So `/common/oauth2/v2.0/token` finds the tenant without a cross-tenant query; the whole value
 * is still what is hashed and compared.
 */
export function withTenant(tenantId: string, secret: string): string {
  return `0.${Buffer.from(tenantId.replaceAll('-', ''), 'hex').toString('base64url')}.${secret}`;
}

/** The tenant named inside a code or refresh token made by `withTenant`, or undefined. */
export function tenantOf(value: string | undefined): string | undefined {
  const m = /^0\.([A-Za-z0-9_-]{22})\./.exec(value ?? '');
  if (!m) return undefined;
  const hex = Buffer.from(m[1], 'base64url').toString('hex');
  if (hex.length !== 32) return undefined;
  const id = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  return GUID.test(id) ? id : undefined;
}

/**
 * Home-realm discovery for `common`/`organizations` at authorize: the tenants that register the client. This is the
 * one lookup of the identity platform that is not scoped by tenant (by nature: the tenant is what it finds); it reads
 * the application's key column only.
 */
@Injectable()
export class HomeTenantLookup {
  constructor(private readonly tx: Transactions) {}

  tenantsOfClient(appId: string): Promise<string[]> {
    return this.tx.run(async (m) => {
      const rows: { tenant_id: string }[] = await m.query('SELECT tenant_id FROM directory_applications WHERE app_id = $1 LIMIT 2', [appId]);
      return rows.map((r) => r.tenant_id);
    });
  }
}
