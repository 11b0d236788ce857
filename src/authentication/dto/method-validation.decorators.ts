import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import {
  IsBoolean,
  IsDefined,
  IsEmail,
  IsIn,
  IsInt,
  IsObject,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateBy,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { Type } from 'class-transformer';
import { isStrongPassword } from '../../users/dto/user-fields.decorators.js';
import { BAD_REQUEST_CONTEXT } from '../authentication.errors.js';
import { GUID, PHONE_NUMBER_PATTERN, PHONE_TYPES } from '../families/method-ids.js';
import { TAP_LIFETIME_RANGE } from '../tap-policy.js';

const ctx = (message: string) => ({ message, ...BAD_REQUEST_CONTEXT });

/** Validate only when sent: `undefined` means the property was not in the JSON. */
const sent = (property: string) => ValidateIf((o: Record<string, unknown>) => o[property] !== undefined);
/** Required on create; on update only checked when sent. */
const presence = (property: string, required: boolean) => (required ? IsDefined(ctx('is required')) : sent(property));

/** `phoneNumber`: `+{country code} {number}[x{extension}]` (graph-spec §2.6.6). */
export function IsGraphPhoneNumber(options: { required: boolean }) {
  const message = "must look like '+{country code} {number}' with an optional 'x{extension}', e.g. '+1 5555551234x123'";
  return applyDecorators(
    presence('phoneNumber', options.required),
    IsString(ctx(message)),
    MaxLength(64, ctx('must be at most 64 characters')),
    Matches(PHONE_NUMBER_PATTERN, ctx(message)),
    ApiProperty({
      required: options.required,
      type: String,
      pattern: PHONE_NUMBER_PATTERN.source,
      maxLength: 64,
      example: '+1 2065555555',
      description: 'The phone number: `+{country code} {number}x{extension}` (extension optional).',
    }),
  );
}

/** `phoneType`: fixed per method; one phone per type. */
export function IsPhoneType(options: { required: boolean }) {
  return applyDecorators(
    presence('phoneType', options.required),
    IsIn(PHONE_TYPES, ctx(`must be one of: ${PHONE_TYPES.join(', ')}`)),
    ApiProperty({
      required: options.required,
      enum: PHONE_TYPES,
      description: options.required
        ? 'mobile, alternateMobile (needs a mobile) or office. One phone per type.'
        : 'May be repeated, but must equal the existing type: a phone never changes type.',
    }),
  );
}

/** A computed property a client may not send (e.g. `smsSignInState`): 400 when present. */
export function IsReadOnlyProperty(property: string, description: string) {
  return applyDecorators(
    sent(property),
    ValidateBy({ name: 'readOnly', validator: { validate: () => false, defaultMessage: () => 'is read-only and cannot be set' } }, BAD_REQUEST_CONTEXT),
    ApiProperty({ required: false, readOnly: true, type: String, description }),
  );
}

/** `emailAddress`: a syntactically valid address, at most 256 characters. */
export function IsEmailAddress(options: { required: boolean }) {
  return applyDecorators(
    presence('emailAddress', options.required),
    IsString(ctx('must be a string')),
    MaxLength(256, ctx('must be at most 256 characters')),
    IsEmail({}, ctx('must be a valid email address (local@domain.tld)')),
    ApiProperty({ required: options.required, type: String, format: 'email', maxLength: 256, example: 'kim@contoso.com' }),
  );
}

/** TAP `lifetimeInMinutes`: 10–43200 (30 days), and within the tenant policy (checked by the service). */
export function IsTapLifetime() {
  const { min, max } = TAP_LIFETIME_RANGE;
  return applyDecorators(
    sent('lifetimeInMinutes'),
    IsInt(ctx('must be an integer')),
    Min(min, ctx(`must be between ${min} and ${max}`)),
    Max(max, ctx(`must be between ${min} and ${max}`)),
    ApiProperty({
      required: false,
      type: 'integer',
      minimum: min,
      maximum: max,
      example: 60,
      description: "Minutes from startDateTime; default the policy's defaultLifetimeInMinutes; must lie within the policy's range.",
    }),
  );
}

/** ISO 8601 date-time with a zone (Graph's DateTimeOffset). */
const DATE_TIME_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:\d{2})$/;

export function IsDateTimeOffset(property: string, description: string) {
  const message = 'must be an ISO 8601 date-time with a zone, e.g. 2022-06-05T00:00:00Z';
  return applyDecorators(
    sent(property),
    IsString(ctx(message)),
    Matches(DATE_TIME_OFFSET, ctx(message)),
    ValidateBy({ name: 'isDate', validator: { validate: (v) => !Number.isNaN(Date.parse(String(v))), defaultMessage: () => message } }, BAD_REQUEST_CONTEXT),
    ApiProperty({ required: false, type: String, format: 'date-time', example: '2022-06-05T00:00:00Z', description }),
  );
}

export function IsOptionalFlag(property: string, description: string) {
  return applyDecorators(
    sent(property),
    IsBoolean(ctx('must be a boolean (true or false)')),
    ApiProperty({ required: false, type: Boolean, description }),
  );
}

/** `newPassword`: Entra's cloud policy, 8–256 characters and 3 of 4 character classes. */
export function IsComplexPassword() {
  const message = 'must be 8 to 256 characters and contain 3 of: lowercase, uppercase, digit, symbol';
  return applyDecorators(
    sent('newPassword'),
    IsString(ctx(message)),
    ValidateBy({ name: 'complexPassword', validator: { validate: (v) => typeof v === 'string' && isStrongPassword(v), defaultMessage: () => message } }, BAD_REQUEST_CONTEXT),
    ApiProperty({
      required: false,
      type: String,
      minLength: 8,
      maxLength: 256,
      writeOnly: true,
      description: 'The new password; omit it to have one generated (returned once in the response).',
    }),
  );
}

/** `id` of an object the client may name at creation: a GUID. */
export function IsGuidId(description: string) {
  return applyDecorators(
    sent('id'),
    IsString(ctx('must be a GUID')),
    Matches(GUID, ctx('must be a GUID')),
    ApiProperty({ required: false, type: String, format: 'uuid', description }),
  );
}

/** An optional (nullable when `nullable`) enum member. */
export function IsEnumValue(property: string, values: readonly string[], options: { nullable: boolean; description: string }) {
  return applyDecorators(
    ValidateIf((o: Record<string, unknown>) => o[property] !== undefined && !(options.nullable && o[property] === null)),
    IsIn(values, ctx(`must be one of: ${values.join(', ')}`)),
    ApiProperty({ required: false, enum: values, nullable: options.nullable, description: options.description }),
  );
}

/** An optional nested object (beta authentication states), validated with its own DTO. */
export function IsNestedState(property: string, type: () => Function, description: string) {
  return applyDecorators(
    sent(property),
    IsObject(ctx('must be an object')),
    ValidateNested(),
    Type(type),
    ApiProperty({ required: false, type: type(), description }),
  );
}
