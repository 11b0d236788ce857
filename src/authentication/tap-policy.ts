/** A tenant's TAP settings (graph-spec §2.6.8). */
export interface TapPolicy {
  readonly defaultLifetimeInMinutes: number;
  readonly minimumLifetimeInMinutes: number;
  readonly maximumLifetimeInMinutes: number;
  readonly defaultLength: number;
  readonly isUsableOnce: boolean;
}

/** Commonly seen Entra defaults (unverified, graph-spec §2.6.8); a tenant row overrides them. */
export const DEFAULT_TAP_POLICY: TapPolicy = {
  defaultLifetimeInMinutes: 60,
  minimumLifetimeInMinutes: 60,
  maximumLifetimeInMinutes: 480,
  defaultLength: 8,
  isUsableOnce: false,
};

/** Graph's absolute bounds for any lifetime: 10 minutes to 30 days. */
export const TAP_LIFETIME_RANGE = { min: 10, max: 43200 } as const;
export const TAP_LENGTH_RANGE = { min: 8, max: 48 } as const;
