import { applyDecorators } from '@nestjs/common';
import { ApiProperty, type ApiPropertyOptions } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsObject,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateBy,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { NESTED_TYPES } from './body-shape.js';
import { apiPresence, Presence, ruleOptions, type Presence as PresenceOptions } from './presence.js';

/**
 * The property decorators of every write body (one validation rule = one decorator that also
 * documents the field). Each starts with `Presence` (optional / required / nullable, presence.ts),
 * so value rules only see real values. NUL characters and unknown properties are refused for every
 * body by the pipe (body-shape.ts), not here.
 */
type Doc = Pick<ApiPropertyOptions, 'description' | 'example' | 'default' | 'writeOnly' | 'format'>;
export type PropertyRules = PresenceOptions & Doc;

export function GraphString(
  rules: PropertyRules & {
    minLength?: number;
    maxLength?: number;
    pattern?: RegExp;
    /** Said when the value is not a string or breaks `pattern` (default: 'must be a string' / 'has an invalid format'). */
    message?: string;
    /**
     * Whether the OpenAPI schema shows `pattern` (default yes). Swagger UI builds example values from
     * patterns with a regex sampler that stalls the page on long, nested ones (userPrincipalName).
     */
    documentPattern?: boolean;
  },
) {
  const { minLength, maxLength, pattern } = rules;
  const decorators = [Presence(rules), IsString(ruleOptions(rules, rules.message ?? 'must be a string'))];
  if (minLength !== undefined) {
    decorators.push(MinLength(minLength, ruleOptions(rules, minLength === 1 ? 'must not be empty' : `must be at least ${minLength} characters`)));
  }
  if (maxLength !== undefined) decorators.push(MaxLength(maxLength, ruleOptions(rules, `must be at most ${maxLength} characters`)));
  if (pattern) decorators.push(Matches(pattern, ruleOptions(rules, rules.message ?? 'has an invalid format')));
  decorators.push(
    ApiProperty({
      ...doc(rules),
      type: String,
      minLength,
      maxLength,
      ...(pattern && rules.documentPattern !== false ? { pattern: pattern.source } : {}),
    } as ApiPropertyOptions),
  );
  return applyDecorators(...decorators);
}

/** A `Collection(Edm.String)`: an array (never null unless `nullable`) of strings. */
export function GraphStringList(rules: PropertyRules & { maxItems: number; maxLength: number }) {
  const { maxItems, maxLength } = rules;
  return applyDecorators(
    Presence(rules),
    IsArray(ruleOptions(rules, 'must be an array of strings')),
    ArrayMaxSize(maxItems, ruleOptions(rules, `must have at most ${maxItems} items`)),
    IsString({ ...ruleOptions(rules, 'must be an array of strings'), each: true }),
    MaxLength(maxLength, { ...ruleOptions(rules, `items must be at most ${maxLength} characters`), each: true }),
    ApiProperty({ ...doc(rules), type: [String], maxItems } as ApiPropertyOptions),
  );
}

export function GraphBoolean(rules: PropertyRules) {
  return applyDecorators(
    Presence(rules),
    IsBoolean(ruleOptions(rules, 'must be a boolean (true or false)')),
    ApiProperty({ ...doc(rules), type: Boolean } as ApiPropertyOptions),
  );
}

export function GraphInteger(rules: PropertyRules & { minimum: number; maximum: number }) {
  const range = `must be between ${rules.minimum} and ${rules.maximum}`;
  return applyDecorators(
    Presence(rules),
    IsInt(ruleOptions(rules, 'must be an integer')),
    Min(rules.minimum, ruleOptions(rules, range)),
    Max(rules.maximum, ruleOptions(rules, range)),
    ApiProperty({ ...doc(rules), type: 'integer', minimum: rules.minimum, maximum: rules.maximum } as ApiPropertyOptions),
  );
}

/** A member of a Graph enum (sent as its string name). */
export function GraphEnum(values: readonly string[], rules: PropertyRules) {
  return applyDecorators(
    Presence(rules),
    IsIn(values, ruleOptions(rules, `must be one of: ${values.join(', ')}`)),
    ApiProperty({ ...doc(rules), enum: [...values] } as ApiPropertyOptions),
  );
}

/** A nested object validated with its own DTO; its unknown properties are refused like the body's. */
export function GraphNested(type: () => Function, rules: PropertyRules) {
  return applyDecorators(
    Presence(rules),
    IsObject(ruleOptions(rules, 'must be an object')),
    ValidateNested(),
    Type(type),
    (target: object, property: string | symbol) => NESTED_TYPES.register(target.constructor, String(property), type),
    ApiProperty({ ...doc(rules), type: type() } as ApiPropertyOptions),
  );
}

/** A `Collection` of nested objects (`Collection(appRole)`), each validated with its own DTO (unknown properties refused like the body's); `minItems` defaults to 0. */
export function GraphNestedList(type: () => Function, rules: PropertyRules & { minItems?: number; maxItems: number }) {
  const { minItems = 0, maxItems } = rules;
  return applyDecorators(
    Presence(rules),
    IsArray(ruleOptions(rules, 'must be an array of objects')),
    ...(minItems > 0 ? [ArrayMinSize(minItems, ruleOptions(rules, `must have at least ${minItems} item${minItems === 1 ? '' : 's'}`))] : []),
    ArrayMaxSize(maxItems, ruleOptions(rules, `must have at most ${maxItems} items`)),
    IsObject({ ...ruleOptions(rules, 'must be an array of objects'), each: true }),
    ValidateNested({ each: true }),
    Type(type),
    (target: object, property: string | symbol) => NESTED_TYPES.register(target.constructor, String(property), type),
    ApiProperty({ ...doc(rules), type: [type()], ...(minItems > 0 ? { minItems } : {}), maxItems } as ApiPropertyOptions),
  );
}

/** An HTTP header name (RFC 9110 token) and a value without control characters. */
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
// eslint-disable-next-line no-control-regex
const HEADER_VALUE = /^[^\x00-\x08\x0a-\x1f\x7f]*$/;

/** A free-form string map of HTTP headers (`{"ConsistencyLevel": "eventual"}`): names are tokens, values strings. */
export function GraphStringMap(rules: PropertyRules & { maxKeys: number; maxLength: number }) {
  const { maxKeys, maxLength } = rules;
  const valid = (v: unknown) =>
    typeof v === 'object' &&
    v !== null &&
    !Array.isArray(v) &&
    Object.keys(v).length <= maxKeys &&
    Object.entries(v).every(([k, x]) => HEADER_NAME.test(k) && typeof x === 'string' && x.length <= maxLength && HEADER_VALUE.test(x));
  return applyDecorators(
    Presence(rules),
    ValidateBy(
      { name: 'stringMap', validator: { validate: valid } },
      ruleOptions(rules, `must be an object of at most ${maxKeys} header names with string values (no control characters, at most ${maxLength} characters)`),
    ),
    ApiProperty({ ...doc(rules), type: 'object', additionalProperties: { type: 'string' } } as ApiPropertyOptions),
  );
}

/** Any JSON object or string, passed on as it is (a `$batch` request's body). */
export function GraphFreeForm(rules: PropertyRules) {
  return applyDecorators(
    Presence(rules),
    ValidateBy(
      { name: 'freeForm', validator: { validate: (v: unknown) => typeof v === 'string' || (typeof v === 'object' && v !== null && !Array.isArray(v)) } },
      ruleOptions(rules, 'must be a JSON object or a string'),
    ),
    ApiProperty({ ...doc(rules), oneOf: [{ type: 'object' }, { type: 'string' }] } as ApiPropertyOptions),
  );
}

/** A property the service computes: any value a client sends, `null` included, is a 400. */
export function GraphReadOnly(rules: Pick<PropertyRules, 'graphCode' | 'description'> & { type: ApiPropertyOptions['type'] }) {
  return applyDecorators(
    ValidateIf((_o: object, v: unknown) => v !== undefined),
    ValidateBy({ name: 'readOnly', validator: { validate: () => false } }, ruleOptions(rules, 'is read-only and cannot be set')),
    ApiProperty({ required: false, readOnly: true, type: rules.type, description: rules.description } as ApiPropertyOptions),
  );
}

/** A rule of the resource's own (password complexity, a real calendar date), after the type rules. */
export function GraphRule(name: string, validate: (value: unknown) => boolean, message: string, rules: Pick<PropertyRules, 'graphCode'>) {
  return ValidateBy({ name, validator: { validate } }, ruleOptions(rules, message));
}

function doc(rules: PropertyRules): Record<string, unknown> {
  const { description, example, default: byDefault, writeOnly, format } = rules;
  return {
    ...apiPresence(rules),
    ...(description !== undefined ? { description } : {}),
    ...(example !== undefined ? { example } : {}),
    ...(byDefault !== undefined ? { default: byDefault } : {}),
    ...(writeOnly ? { writeOnly } : {}),
    ...(format ? { format } : {}),
  };
}
