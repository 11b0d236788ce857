import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A tenant's Temporary Access Pass policy, when it differs from the defaults (tap-policy.ts).
 * No Graph endpoint writes it yet; the fixture loader does.
 */
@Entity({ name: 'tap_policies' })
export class TapPolicyEntity {
  @PrimaryColumn({ name: 'tenant_id', type: 'uuid' })
  tenantId: string;

  @Column({ name: 'default_lifetime_in_minutes', type: 'integer' })
  defaultLifetimeInMinutes: number;

  @Column({ name: 'minimum_lifetime_in_minutes', type: 'integer' })
  minimumLifetimeInMinutes: number;

  @Column({ name: 'maximum_lifetime_in_minutes', type: 'integer' })
  maximumLifetimeInMinutes: number;

  @Column({ name: 'default_length', type: 'integer' })
  defaultLength: number;

  @Column({ name: 'is_usable_once', type: 'boolean' })
  isUsableOnce: boolean;
}
