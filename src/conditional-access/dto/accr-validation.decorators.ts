import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { IsBoolean, IsDefined, IsString, Matches, MaxLength, ValidateIf } from 'class-validator';

/** `c1` … `c25`, lowercase, nothing else (DECISIONS §2). */
export const ACR_ID_PATTERN = /^c([1-9]|1\d|2[0-5])$/;
const ACR_ID_MESSAGE = "must be one of 'c1' through 'c25' (lowercase)";
const ACR_ID_DESCRIPTION =
  'Identifier of the authentication context: one of `c1` through `c25` (lowercase). It is the value issued in the ' +
  '`acrs` claim of an access token once the context is satisfied. Immutable.';

/** Present-or-not: `undefined` means the property was not sent (JSON has no undefined). */
const sent = (property: string) => ValidateIf((o: Record<string, unknown>) => o[property] !== undefined);

/** `id`: required on creates, optional (but then equal to the URL's) on `PATCH /{id}`. */
export function IsAcrId(options: { required: boolean }) {
  return applyDecorators(
    options.required ? IsDefined({ message: 'is required' }) : sent('id'),
    IsString({ message: ACR_ID_MESSAGE }),
    Matches(ACR_ID_PATTERN, { message: ACR_ID_MESSAGE }),
    ApiProperty({
      description: ACR_ID_DESCRIPTION,
      required: options.required,
      type: String,
      pattern: ACR_ID_PATTERN.source,
      example: 'c1',
    }),
  );
}

/**
 * An optional, nullable string of at most `maxLength` characters: `null` clears it, omitting it keeps
 * the stored value. NUL characters are refused (Postgres text cannot hold them).
 */
export function IsNullableText(maxLength: number, description: string, example: string) {
  return applyDecorators(
    ValidateIf((o: Record<string, unknown>, v: unknown) => v !== undefined && v !== null),
    IsString({ message: 'must be a string or null' }),
    MaxLength(maxLength, { message: `must be at most ${maxLength} characters` }),
    Matches(/^[^\u0000]*$/, { message: 'must not contain NUL characters' }),
    ApiProperty({ description, required: false, type: String, nullable: true, maxLength, example }),
  );
}

/** `isAvailable`: a JSON boolean when sent; `null` is refused, the property is never null (default false). */
export function IsOptionalBoolean(description: string) {
  return applyDecorators(
    ValidateIf((o: Record<string, unknown>, v: unknown) => v !== undefined),
    IsBoolean({ message: 'must be a boolean (true or false)' }),
    ApiProperty({ description, required: false, type: Boolean, default: false, example: true }),
  );
}
