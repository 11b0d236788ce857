import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { GraphEntity } from '../../graph/openapi/graph-schemas.js';
import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsDefined,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  MaxLength,
  Validate,
  ValidateNested,
  ValidatorConstraint,
  type ValidatorConstraintInterface,
} from 'class-validator';
import {
  IsBusinessPhones,
  IsLanguageTag,
  IsMailNickname,
  IsOptionalBoolean,
  IsOptionalText,
  IsRequiredText,
  IsUserPrincipalName,
  isStrongPassword,
} from './user-fields.decorators.js';

@ValidatorConstraint({ name: 'passwordComplexity' })
class PasswordComplexity implements ValidatorConstraintInterface {
  validate(value: unknown) {
    return typeof value === 'string' && isStrongPassword(value);
  }
  defaultMessage() {
    return 'the password does not comply with password complexity requirements (8-256 characters, 3 of lowercase, uppercase, digits, symbols)';
  }
}

/** Write-only: never stored, never returned. */
export class PasswordProfileDto {
  @IsNotEmpty()
  @IsString()
  @MaxLength(256)
  @Validate(PasswordComplexity)
  @ApiProperty({ type: String, writeOnly: true, example: 'xWwvJ]6NMw+bWH-d' })
  password: string;

  @IsOptionalBoolean('Whether the user must change the password at next sign-in.')
  forceChangePasswordNextSignIn?: boolean;

  @IsOptionalBoolean('Whether the user must also perform MFA before changing it.')
  forceChangePasswordNextSignInWithMfa?: boolean;
}

/** `POST /users`: Graph's required properties, plus optional profile fields. */
export class CreateUserDto {
  @IsBoolean()
  @ApiProperty({ type: Boolean, example: true })
  accountEnabled: boolean;

  @IsRequiredText(256, 'Adele Vance')
  displayName: string;

  @IsMailNickname()
  mailNickname: string;

  @IsUserPrincipalName()
  userPrincipalName: string;

  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => PasswordProfileDto)
  @ApiProperty({ type: PasswordProfileDto })
  passwordProfile: PasswordProfileDto;

  @IsOptionalText(64, 'Adele')
  givenName?: string | null;

  @IsOptionalText(64, 'Vance')
  surname?: string | null;

  @IsOptionalText(256, 'AdeleV@contoso.com')
  mail?: string | null;

  @IsBusinessPhones()
  businessPhones?: string[];

  @IsOptionalText(128, 'Marketing Director')
  jobTitle?: string | null;

  @IsOptionalText(64, '+1 425 555 0109')
  mobilePhone?: string | null;

  @IsOptionalText(128, '18/2111')
  officeLocation?: string | null;

  @IsLanguageTag()
  preferredLanguage?: string | null;
}

/** `PATCH /users/{id}`: any subset. */
export class UpdateUserDto {
  @IsOptionalBoolean()
  accountEnabled?: boolean;

  @IsOptionalText(256, 'Adele Vance')
  displayName?: string | null;

  @IsMailNickname(false)
  mailNickname?: string;

  @IsUserPrincipalName(false)
  userPrincipalName?: string;

  @IsOptionalText(64)
  givenName?: string | null;

  @IsOptionalText(64)
  surname?: string | null;

  @IsOptionalText(256)
  mail?: string | null;

  @IsBusinessPhones()
  businessPhones?: string[];

  @IsOptionalText(128, 'Marketing Director')
  jobTitle?: string | null;

  @IsOptionalText(64, '+1 425 555 0109')
  mobilePhone?: string | null;

  @IsOptionalText(128, '18/2111')
  officeLocation?: string | null;

  @IsLanguageTag()
  preferredLanguage?: string | null;

  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => PasswordProfileDto)
  @ApiPropertyOptional({ type: PasswordProfileDto })
  passwordProfile?: PasswordProfileDto;
}

/** The user as Graph returns it. */
@GraphEntity('microsoft.graph.user', 'a user of the directory (the default properties).')
export class UserDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ nullable: true, type: String }) displayName: string | null;
  @ApiProperty() userPrincipalName: string;
  @ApiProperty({ nullable: true, type: String }) mail: string | null;
  @ApiProperty({ nullable: true, type: String }) mailNickname: string | null;
  @ApiProperty({ nullable: true, type: String }) givenName: string | null;
  @ApiProperty({ nullable: true, type: String }) surname: string | null;
  @ApiProperty({ nullable: true, type: Boolean }) accountEnabled: boolean | null;
  @ApiProperty({ type: [String] }) businessPhones: string[];
  @ApiProperty({ nullable: true, type: String }) jobTitle: string | null;
  @ApiProperty({ nullable: true, type: String }) mobilePhone: string | null;
  @ApiProperty({ nullable: true, type: String }) officeLocation: string | null;
  @ApiProperty({ nullable: true, type: String }) preferredLanguage: string | null;
}

const USER_CONTEXT = 'https://graph.microsoft.com/v1.0/$metadata#users';

/** `GET /users/{id}`, `GET /me`, `POST /users` (201). */
@GraphEntity('microsoft.graph.user', 'one user, with its `@odata.context`.')
export class UserResponseDto extends UserDto {
  @ApiProperty({ type: String, format: 'uri', example: `${USER_CONTEXT}/$entity` })
  '@odata.context': string;
}

/** `GET /users`: one page. */
export class UserCollectionDto {
  @ApiProperty({ type: String, format: 'uri', example: USER_CONTEXT })
  '@odata.context': string;

  @ApiPropertyOptional({ type: 'integer', description: 'With `$count=true` (and `ConsistencyLevel: eventual`), on the first page.' })
  '@odata.count'?: number;

  @ApiPropertyOptional({ type: String, format: 'uri', description: 'The next page, when there is one.' })
  '@odata.nextLink'?: string;

  @ApiProperty({ type: [UserDto] })
  value: UserDto[];
}

/** `GET /users/delta`: one page of changes; the last page carries `@odata.deltaLink` instead of a next link. */
export class UserDeltaPageDto {
  @ApiProperty({ type: String, format: 'uri', example: USER_CONTEXT })
  '@odata.context': string;

  @ApiPropertyOptional({ type: String, format: 'uri', description: 'The next page of this round, when there is one.' })
  '@odata.nextLink'?: string;

  @ApiPropertyOptional({ type: String, format: 'uri', description: 'On the last page: the link that returns the changes made since.' })
  '@odata.deltaLink'?: string;

  @ApiProperty({ type: [UserDto], description: 'Created or changed users; deleted ones carry only `id` and `@removed`.' })
  value: UserDto[];
}
