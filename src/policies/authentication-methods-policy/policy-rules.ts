import { PolicyErrors } from './policy-errors.js';
import { GUID_PATTERN as GUID } from '../../graph/odata/literals.js';

type Json = Record<string, unknown>;

/** Graph's bounds for TAP lifetimes: 10 minutes to 30 days (graph-spec-ca-root §6.3). */
export const TAP_LIFETIME_RANGE = { min: 10, max: 43200 } as const;
export const TAP_LENGTH_RANGE = { min: 8, max: 48 } as const;
/** Registration campaign snooze (LEARN): 0 prompts at every MFA. */
export const SNOOZE_RANGE = { min: 0, max: 14 } as const;
/** Reconfirmation: Entra's SSPR setting allows 0 (never) to 730 days (inferred for this property). */
export const RECONFIRMATION_RANGE = { min: 0, max: 730 } as const;
/** QR code PIN (graph-spec §2.6.12): standard codes live up to 395 days; PINs 8–20 digits (inferred). */
export const QR_LIFETIME_RANGE = { min: 1, max: 395 } as const;
export const PIN_LENGTH_RANGE = { min: 8, max: 20 } as const;
export const DISPLAY_NAME_MAX = 256;

function inRange(doc: Json, name: string, range: { min: number; max: number }, path = name): number {
  const v = doc[name];
  if (typeof v !== 'number' || !Number.isInteger(v) || v < range.min || v > range.max) {
    throw PolicyErrors.badRequest(`'${path}' must be an integer between ${range.min} and ${range.max}.`);
  }
  return v;
}

/** Policy-level ranges, on the merged document. */
export function checkPolicyRanges(doc: Json): void {
  inRange(doc, 'reconfirmationInDays', RECONFIRMATION_RANGE);
  // Nullable in Graph's metadata, but a policy always has them: null would only erase the settings.
  if (typeof doc.policyMigrationState !== 'string') throw PolicyErrors.badRequest("'policyMigrationState' cannot be null.");
  const enforcement = doc.registrationEnforcement as Json | null;
  const campaign = enforcement?.authenticationMethodsRegistrationCampaign as Json | null | undefined;
  if (!campaign) throw PolicyErrors.badRequest("'registrationEnforcement.authenticationMethodsRegistrationCampaign' cannot be null.");
  inRange(campaign, 'snoozeDurationInDays', SNOOZE_RANGE, 'registrationEnforcement.authenticationMethodsRegistrationCampaign.snoozeDurationInDays');
}

/** Each configuration's documented ranges, on the merged document (`kind`: the built-in id lower-cased, or `external`). */
export function checkConfigurationRanges(kind: string, doc: Json): void {
  if (doc.state !== 'enabled' && doc.state !== 'disabled') throw PolicyErrors.badRequest("'state' must be 'enabled' or 'disabled'.");
  switch (kind) {
    case 'temporaryaccesspass': {
      const min = inRange(doc, 'minimumLifetimeInMinutes', TAP_LIFETIME_RANGE);
      const max = inRange(doc, 'maximumLifetimeInMinutes', TAP_LIFETIME_RANGE);
      if (min > max) throw PolicyErrors.badRequest("'minimumLifetimeInMinutes' must not be greater than 'maximumLifetimeInMinutes'.");
      inRange(doc, 'defaultLifetimeInMinutes', { min, max });
      inRange(doc, 'defaultLength', TAP_LENGTH_RANGE);
      if (typeof doc.isUsableOnce !== 'boolean') throw PolicyErrors.badRequest("'isUsableOnce' must be true or false.");
      return;
    }
    case 'qrcodepin':
      inRange(doc, 'standardQRCodeLifetimeInDays', QR_LIFETIME_RANGE);
      inRange(doc, 'pinLength', PIN_LENGTH_RANGE);
      return;
    case 'external': {
      const name = doc.displayName;
      if (typeof name !== 'string' || name.trim() === '' || name.length > DISPLAY_NAME_MAX) {
        throw PolicyErrors.badRequest(`'displayName' must be a non-empty string of at most ${DISPLAY_NAME_MAX} characters.`);
      }
      if (typeof doc.appId !== 'string' || !GUID.test(doc.appId)) throw PolicyErrors.badRequest("'appId' must be an application id (a GUID).");
      const oidc = doc.openIdConnectSetting as Json;
      if (typeof oidc.clientId !== 'string' || oidc.clientId.trim() === '' || oidc.clientId.length > 256) {
        throw PolicyErrors.badRequest("'openIdConnectSetting.clientId' must be a non-empty string of at most 256 characters.");
      }
      if (!isHttpsUrl(oidc.discoveryUrl)) throw PolicyErrors.badRequest("'openIdConnectSetting.discoveryUrl' must be an absolute https URL.");
      return;
    }
    default:
      return;
  }
}

function isHttpsUrl(v: unknown): boolean {
  if (typeof v !== 'string' || v.length > 2048) return false;
  try {
    return new URL(v).protocol === 'https:';
  } catch {
    return false;
  }
}
