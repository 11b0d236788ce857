import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsBoolean, IsNotEmpty, IsOptional, IsString, Matches, MaxLength, ValidateIf } from 'class-validator';

/** `local@domain`, at most 113 characters (Entra's limit: 64 for the local part). */
export const IsUserPrincipalName = (required = true) =>
  applyDecorators(
    required ? IsNotEmpty() : IsOptional(),
    IsString(),
    MaxLength(113),
    Matches(/^[A-Za-z0-9'._+\-#$%&*!^~{}|=?/`]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/, {
      message: 'must be an address of the form alias@domain',
    }),
    (required ? ApiProperty : ApiPropertyOptional)({
      type: String,
      maxLength: 113,
      example: 'AdeleV@contoso.com',
      description: 'The user principal name (UPN): alias@domain. Unique in the tenant, case-insensitively.',
    }),
  );

/** Mail alias: no spaces or `@()\\[]";:<>,`, at most 64 characters. */
export const IsMailNickname = (required = true) =>
  applyDecorators(
    required ? IsNotEmpty() : IsOptional(),
    IsString(),
    MaxLength(64),
    Matches(/^[^\s@()\\[\]";:<>,]+$/, { message: 'must not contain spaces or any of @()\\[]";:<>,' }),
    (required ? ApiProperty : ApiPropertyOptional)({ type: String, maxLength: 64, example: 'AdeleV' }),
  );

/** A nullable string property with a length limit. */
export const IsOptionalText = (maxLength: number, example?: string) =>
  applyDecorators(
    IsOptional(),
    ValidateIf((_, v) => v !== null),
    IsString(),
    MaxLength(maxLength),
    ApiPropertyOptional({ type: String, nullable: true, maxLength, example }),
  );

/**
 * `businessPhones`: a string collection that is never null (`[]` clears it). Entra keeps one number
 * only (Graph's user resource: "only one number can be set for this property").
 */
export const IsBusinessPhones = () =>
  applyDecorators(
    ValidateIf((_, v) => v !== undefined),
    IsArray(),
    ArrayMaxSize(1, { message: 'only one business phone number can be set' }),
    IsString({ each: true }),
    MaxLength(64, { each: true }),
    // Postgres text cannot hold NUL.
    Matches(/^[^\u0000]*$/, { each: true, message: 'must not contain NUL characters' }),
    ApiPropertyOptional({ type: [String], maxItems: 1, example: ['+1 425 555 0109'] }),
  );

/** `preferredLanguage`: an RFC 4646 tag such as `en-US`, or null. */
export const IsLanguageTag = () =>
  applyDecorators(
    IsOptionalText(64, 'en-US'),
    ValidateIf((_, v) => v !== null && v !== undefined),
    Matches(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/, { message: 'must be a language tag such as en-US' }),
  );

/** A required string property with a length limit. */
export const IsRequiredText = (maxLength: number, example?: string) =>
  applyDecorators(IsNotEmpty(), IsString(), MaxLength(maxLength), ApiProperty({ type: String, maxLength, example }));

export const IsOptionalBoolean = (description?: string) =>
  applyDecorators(IsOptional(), IsBoolean(), ApiPropertyOptional({ type: Boolean, description }));

/**
 * Entra's cloud password policy: 8–256 characters and 3 of: lowercase, uppercase, digit, symbol.
 * Stated once; users and resetPassword share it.
 */
export function isStrongPassword(p: string): boolean {
  if (p.length < 8 || p.length > 256) return false;
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((r) => r.test(p)).length;
  return classes >= 3;
}
