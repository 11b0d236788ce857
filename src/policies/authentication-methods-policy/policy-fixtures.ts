import type { PolicyWrites } from './authentication-methods-policy.repository.js';
import { builtInMethod, POLICY_DEFAULTS } from './policy-defaults.js';
import { checkConfigurationRanges } from './policy-rules.js';

/** The TemporaryAccessPass configuration's own settings (a fixture file's `tapPolicy`). */
export interface TapSettings {
  readonly defaultLifetimeInMinutes: number;
  readonly minimumLifetimeInMinutes: number;
  readonly maximumLifetimeInMinutes: number;
  readonly defaultLength: number;
  readonly isUsableOnce: boolean;
}

/**
 * Enables TAP for every user of the tenant (a new tenant has it disabled, like Entra), with `settings`
 * over the current defaults: what `npm run fixtures -- --enable-tap` and a fixture's `tapPolicy` do, the
 * same as a PATCH of the configuration would (the version bump tells every instance's cache).
 */
export async function enableTemporaryAccessPass(writes: PolicyWrites, tenantId: string, settings: Partial<TapSettings> = {}): Promise<void> {
  const tap = builtInMethod('TemporaryAccessPass')!;
  await writes.lockPolicy(tenantId, POLICY_DEFAULTS);
  const document = { ...tap.defaults, ...settings, state: 'enabled' };
  checkConfigurationRanges('temporaryaccesspass', document);
  await writes.saveConfiguration(tenantId, 'temporaryaccesspass', 'temporaryaccesspass', document);
  await writes.touch(tenantId);
}
