import { GraphString, GraphStringList, GraphRule } from '../../graph/validation/properties.js';
import type { Presence } from '../../graph/validation/presence.js';

/**
 * Users' properties on the shared vocabulary (graph/validation). Nullable (clearable with `null`):
 * givenName, surname, mail. Never null: the required ones (accountEnabled, displayName,
 * mailNickname, userPrincipalName, passwordProfile, which Graph's docs say cannot be cleared) and
 * the password flags.
 */
type Required = Pick<Presence, 'required'>;

/** `local@domain`, at most 113 characters (Entra's limit: 64 for the local part). */
export const IsUserPrincipalName = ({ required }: Required) =>
  GraphString({
    required,
    maxLength: 113,
    pattern: /^[A-Za-z0-9'._+\-#$%&*!^~{}|=?/`]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/,
    message: 'must be an address of the form alias@domain',
    documentPattern: false,
    example: 'AdeleV@contoso.com',
    description: 'The user principal name (UPN): alias@domain. Unique in the tenant, case-insensitively.',
  });

/** Mail alias: no spaces or `@()\\[]";:<>,`, 1–64 characters. */
export const IsMailNickname = ({ required }: Required) =>
  GraphString({
    required,
    minLength: 1,
    maxLength: 64,
    pattern: /^[^\s@()\\[\]";:<>,]+$/,
    message: 'must be a string without spaces or any of @()\\[]";:<>,',
    documentPattern: false,
    example: 'AdeleV',
  });

/** `displayName`: required on create and never cleared (Graph: "can't be cleared during updates"). */
export const IsUserDisplayName = ({ required }: Required) => GraphString({ required, minLength: 1, maxLength: 256, example: 'Adele Vance' });

/** A profile string a client may clear with `null`. */
export const IsClearableText = (maxLength: number, example?: string) => GraphString({ nullable: true, maxLength, example });

/**
 * `businessPhones`: a string collection that is never null (`[]` clears it). Entra keeps one number
 * only (Graph's user resource: "only one number can be set for this property").
 */
export const IsBusinessPhones = () => GraphStringList({ maxItems: 1, maxLength: 64, example: ['+1 425 555 0109'] });

/** `preferredLanguage`: an RFC 4646 tag such as `en-US`, or null. */
export const IsLanguageTag = () =>
  GraphString({
    nullable: true,
    maxLength: 64,
    pattern: /^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/,
    message: 'must be a language tag such as en-US',
    example: 'en-US',
  });

/**
 * Entra's cloud password policy: 8–256 characters and 3 of: lowercase, uppercase, digit, symbol.
 * Stated once; users and resetPassword share it.
 */
export function isStrongPassword(p: string): boolean {
  if (p.length < 8 || p.length > 256) return false;
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((r) => r.test(p)).length;
  return classes >= 3;
}

export const PASSWORD_POLICY = 'must be 8 to 256 characters and contain 3 of: lowercase, uppercase, digit, symbol';

/** A new password (passwordProfile.password, resetPassword's newPassword): write-only, never stored. */
export const IsNewPassword = (presence: Presence, description?: string) => (target: object, property: string | symbol) => {
  GraphString({ ...presence, maxLength: 256, writeOnly: true, description, example: 'xWwvJ]6NMw+bWH-d' })(target, property);
  GraphRule('passwordComplexity', (v) => typeof v === 'string' && isStrongPassword(v), PASSWORD_POLICY, presence)(target, property);
};
