import { isEmail } from 'class-validator';
import { GraphBoolean, GraphEnum, GraphInteger, GraphNested, GraphReadOnly, GraphRule, GraphString } from '../../../graph/validation/properties.js';
import { IsNewPassword } from '../../../users/dto/user-fields.decorators.js';
import { GUID, PHONE_NUMBER_PATTERN, PHONE_TYPES } from '../families/method-ids.js';
import { TAP_LIFETIME_RANGE } from '../../../policies/authentication-methods-policy/policy-rules.js';

/**
 * Authentication-method properties on the shared vocabulary (graph/validation), answering with the
 * workload's `badRequest` code. None is nullable but `userPreferredMethodForSecondaryAuthentication`:
 * the others are never null once stored (a method's phone, a TAP's lifetime), so `null` would mean
 * nothing but "omitted".
 */
const CODE = { graphCode: 'badRequest' } as const;

/** `phoneNumber`: `+{country code} {number}[x{extension}]` (graph-spec §2.6.6). */
export function IsGraphPhoneNumber(options: { required: boolean }) {
  return GraphString({
    ...CODE,
    required: options.required,
    maxLength: 64,
    pattern: PHONE_NUMBER_PATTERN,
    message: "must look like '+{country code} {number}' with an optional 'x{extension}', e.g. '+1 5555551234x123'",
    example: '+1 2065555555',
    description: 'The phone number: `+{country code} {number}x{extension}` (extension optional).',
  });
}

/** `phoneType`: fixed per method; one phone per type. */
export function IsPhoneType(options: { required: boolean }) {
  return GraphEnum(PHONE_TYPES, {
    ...CODE,
    required: options.required,
    description: options.required
      ? 'mobile, alternateMobile (needs a mobile) or office. One phone per type.'
      : 'May be repeated, but must equal the existing type: a phone never changes type.',
  });
}

/** A computed property a client may not send (e.g. `smsSignInState`): 400 when present. */
export function IsReadOnlyProperty(description: string) {
  return GraphReadOnly({ ...CODE, type: String, description });
}

/** `emailAddress`: a syntactically valid address, at most 256 characters. */
export function IsEmailAddress(options: { required: boolean }) {
  return (target: object, property: string | symbol) => {
    GraphString({ ...CODE, required: options.required, maxLength: 256, format: 'email', example: 'kim@contoso.com' })(target, property);
    GraphRule('isEmail', isEmailAddress, 'must be a valid email address (local@domain.tld)', CODE)(target, property);
  };
}

const isEmailAddress = (v: unknown) => typeof v === 'string' && isEmail(v);

/** TAP `lifetimeInMinutes`: 10–43200 (30 days), and within the tenant policy (checked by the service). */
export function IsTapLifetime() {
  const { min, max } = TAP_LIFETIME_RANGE;
  return GraphInteger({
    ...CODE,
    minimum: min,
    maximum: max,
    example: 60,
    description: "Minutes from startDateTime; default the policy's defaultLifetimeInMinutes; must lie within the policy's range.",
  });
}

/** ISO 8601 date-time with a zone (Graph's DateTimeOffset). */
const DATE_TIME_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:\d{2})$/;
const DATE_TIME_MESSAGE = 'must be an ISO 8601 date-time with a zone, e.g. 2022-06-05T00:00:00Z';

export function IsDateTimeOffset(description: string) {
  return (target: object, property: string | symbol) => {
    GraphString({
      ...CODE,
      pattern: DATE_TIME_OFFSET,
      documentPattern: false,
      message: DATE_TIME_MESSAGE,
      format: 'date-time',
      example: '2022-06-05T00:00:00Z',
      description,
    })(target, property);
    GraphRule('isDate', (v) => !Number.isNaN(Date.parse(String(v))), DATE_TIME_MESSAGE, CODE)(target, property);
  };
}

/** An optional boolean, never null. */
export function IsOptionalFlag(description: string) {
  return GraphBoolean({ ...CODE, description });
}

/** `newPassword`: Entra's cloud policy; omitted (not null) to have one generated. */
export function IsComplexPassword() {
  return IsNewPassword(CODE, 'The new password; omit it to have one generated (returned once in the response).');
}

/** `id` of an object the client may name at creation: a GUID. */
export function IsGuidId(description: string) {
  return GraphString({ ...CODE, pattern: GUID, documentPattern: false, message: 'must be a GUID', format: 'uuid', description });
}

/** An optional enum member; `null` only where `nullable` (it clears the stored choice). */
export function IsEnumValue(values: readonly string[], options: { nullable: boolean; description: string }) {
  return GraphEnum(values, { ...CODE, nullable: options.nullable, description: options.description });
}

/** An optional nested object (beta authentication states), validated with its own DTO. */
export function IsNestedState(type: () => Function, description: string) {
  return GraphNested(type, { ...CODE, description });
}
