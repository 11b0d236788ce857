import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The authentication methods policy (DECISIONS §8): one row per tenant once anything in it was written
 * (absent: Graph's defaults), and one row per configuration that differs from its default or is an
 * external method. `version` is bumped by every write: the per-instance caches compare it.
 * `tap_policies` (the fixture-only TAP settings) becomes the tenant's TemporaryAccessPass configuration,
 * enabled for all users, which is how those tenants behaved before the policy existed.
 */
export class CreateAuthenticationMethodsPolicy1795360005000 implements MigrationInterface {
  name = 'CreateAuthenticationMethodsPolicy1795360005000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE authentication_methods_policies (
        tenant_id uuid PRIMARY KEY,
        document jsonb NOT NULL,
        version bigint NOT NULL DEFAULT 1,
        last_modified_at timestamptz(3) NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE authentication_method_configurations (
        tenant_id uuid NOT NULL,
        id varchar(64) NOT NULL,
        kind varchar(64) NOT NULL,
        document jsonb NOT NULL,
        created_at timestamptz(3) NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, id),
        CHECK (id = lower(id))
      )`);
    await q.query(`
      INSERT INTO authentication_method_configurations (tenant_id, id, kind, document)
      SELECT tenant_id, 'temporaryaccesspass', 'temporaryaccesspass', jsonb_build_object(
        'state', 'enabled',
        'excludeTargets', '[]'::jsonb,
        'defaultLifetimeInMinutes', default_lifetime_in_minutes,
        'minimumLifetimeInMinutes', minimum_lifetime_in_minutes,
        'maximumLifetimeInMinutes', maximum_lifetime_in_minutes,
        'defaultLength', default_length,
        'isUsableOnce', is_usable_once,
        'includeTargets', '[{"id": "all_users", "targetType": "group", "isRegistrationRequired": false}]'::jsonb)
      FROM tap_policies`);
    await q.query(`DROP TABLE tap_policies`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE tap_policies (
        tenant_id uuid PRIMARY KEY,
        default_lifetime_in_minutes integer NOT NULL,
        minimum_lifetime_in_minutes integer NOT NULL,
        maximum_lifetime_in_minutes integer NOT NULL,
        default_length integer NOT NULL,
        is_usable_once boolean NOT NULL
      )`);
    await q.query(`DROP TABLE authentication_method_configurations`);
    await q.query(`DROP TABLE authentication_methods_policies`);
  }
}
