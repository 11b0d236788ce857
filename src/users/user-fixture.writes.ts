import type { EntityManager } from 'typeorm';

/** A user as a fixture file gives it (src/authentication/fixtures/fixture-format.ts). */
export interface FixtureUserRow {
  readonly id: string;
  readonly userPrincipalName: string;
  readonly displayName: string | null;
  readonly mail: string | null;
  readonly accountEnabled: boolean;
}

/**
 * The fixture loader's write of a user, on its transaction: creates the user or refreshes its directory
 * fields (id is the key). Here, so that only the users module writes the `users` table.
 */
export async function upsertFixtureUser(m: EntityManager, tenantId: string, user: FixtureUserRow): Promise<void> {
  await m.query(
    `INSERT INTO users (tenant_id, id, user_principal_name, display_name, mail, mail_nickname, account_enabled)
     VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (tenant_id, id) DO UPDATE SET
       user_principal_name = EXCLUDED.user_principal_name, display_name = EXCLUDED.display_name, mail = EXCLUDED.mail,
       mail_nickname = EXCLUDED.mail_nickname, account_enabled = EXCLUDED.account_enabled`,
    [tenantId, user.id, user.userPrincipalName, user.displayName, user.mail, user.userPrincipalName.split('@')[0].slice(0, 64), user.accountEnabled],
  );
}
