import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The user's `authentication` object, their methods, password-reset operations and the tenant TAP
 * policy. Every user-owned row cascades with its user (DECISIONS §5: deleting a user removes them).
 */
export class CreateAuthenticationMethods1795360000500 implements MigrationInterface {
  name = 'CreateAuthenticationMethods1795360000500';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE authentications (
        tenant_id uuid NOT NULL,
        user_id uuid NOT NULL,
        id uuid NOT NULL,
        system_preferred_enabled boolean,
        user_preferred_method varchar(32),
        per_user_mfa_state varchar(32) NOT NULL DEFAULT 'disabled',
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, user_id),
        CONSTRAINT authentications_id_uq UNIQUE (tenant_id, id),
        FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, id) ON DELETE CASCADE
      )`);

    await q.query(`
      CREATE TABLE authentication_methods (
        tenant_id uuid NOT NULL,
        user_id uuid NOT NULL,
        id uuid NOT NULL,
        kind varchar(32) NOT NULL CHECK (kind IN ('password', 'phone', 'email', 'temporaryAccessPass', 'softwareOath',
          'fido2', 'microsoftAuthenticator', 'windowsHelloForBusiness', 'platformCredential')),
        properties jsonb NOT NULL DEFAULT '{}'::jsonb,
        created_at timestamptz DEFAULT now(),
        PRIMARY KEY (tenant_id, user_id, id),
        FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, id) ON DELETE CASCADE,
        -- Graph's fixed ids: the primary key then allows one phone per type, one email, one password.
        CHECK (kind <> 'phone' OR id IN ('3179e48a-750b-4051-897c-87b9720928f7', 'b6332ec1-7057-4abe-9331-3d72feddfe41',
          'e37fc753-ff3b-4958-9484-eaa9425c82bc')),
        CHECK (kind <> 'email' OR id = '3ddfcfc8-9383-446f-83cc-3ab9be4be18f'),
        CHECK (kind <> 'password' OR id = '28c10230-6103-485e-b985-444c60001490')
      )`);
    // One TAP per user: a new one replaces the old in a single upsert on this index.
    await q.query(`CREATE UNIQUE INDEX authentication_methods_one_tap ON authentication_methods (tenant_id, user_id) WHERE kind = 'temporaryAccessPass'`);
    // SMS sign-in uniqueness: other users' mobiles with the same number.
    await q.query(`
      CREATE INDEX authentication_methods_mobile_number ON authentication_methods (tenant_id, (properties->>'phoneNumber'))
        WHERE kind = 'phone' AND id = '3179e48a-750b-4051-897c-87b9720928f7'`);

    await q.query(`
      CREATE TABLE authentication_operations (
        tenant_id uuid NOT NULL,
        user_id uuid NOT NULL,
        id uuid NOT NULL,
        status varchar(16) NOT NULL,
        status_detail varchar(1024),
        resource_location varchar(512),
        created_at timestamptz NOT NULL,
        last_action_at timestamptz NOT NULL,
        PRIMARY KEY (tenant_id, user_id, id),
        FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, id) ON DELETE CASCADE
      )`);

    await q.query(`
      CREATE TABLE tap_policies (
        tenant_id uuid PRIMARY KEY,
        default_lifetime_in_minutes integer NOT NULL,
        minimum_lifetime_in_minutes integer NOT NULL,
        maximum_lifetime_in_minutes integer NOT NULL,
        default_length integer NOT NULL CHECK (default_length BETWEEN 8 AND 48),
        is_usable_once boolean NOT NULL,
        CHECK (minimum_lifetime_in_minutes BETWEEN 10 AND 43200),
        CHECK (maximum_lifetime_in_minutes BETWEEN 10 AND 43200),
        CHECK (minimum_lifetime_in_minutes <= default_lifetime_in_minutes
          AND default_lifetime_in_minutes <= maximum_lifetime_in_minutes)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE tap_policies`);
    await q.query(`DROP TABLE authentication_operations`);
    await q.query(`DROP TABLE authentication_methods`);
    await q.query(`DROP TABLE authentications`);
  }
}
