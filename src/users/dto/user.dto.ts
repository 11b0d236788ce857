import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { GraphEntity } from '../../graph/openapi/graph-schemas.js';
import { GraphBoolean, GraphNested } from '../../graph/validation/properties.js';
import {
  IsBusinessPhones,
  IsClearableText,
  IsLanguageTag,
  IsMailNickname,
  IsNewPassword,
  IsUserDisplayName,
  IsUserPrincipalName,
} from './user-fields.decorators.js';

/** Write-only: never stored, never returned. */
export class PasswordProfileDto {
  @IsNewPassword({ required: true })
  password: string;

  @GraphBoolean({ description: 'Whether the user must change the password at next sign-in (default true).' })
  forceChangePasswordNextSignIn?: boolean;

  @GraphBoolean({ description: 'Whether the user must also perform MFA before changing it.' })
  forceChangePasswordNextSignInWithMfa?: boolean;
}

/** The profile properties a client may set on create and update; `null` clears the clearable ones. */
class UserProfileFieldsDto {
  @IsClearableText(64, 'Adele')
  givenName?: string | null;

  @IsClearableText(64, 'Vance')
  surname?: string | null;

  @IsClearableText(256, 'AdeleV@contoso.com')
  mail?: string | null;

  @IsBusinessPhones()
  businessPhones?: string[];

  @IsClearableText(128, 'Marketing Director')
  jobTitle?: string | null;

  @IsClearableText(64, '+1 425 555 0109')
  mobilePhone?: string | null;

  @IsClearableText(128, '18/2111')
  officeLocation?: string | null;

  @IsLanguageTag()
  preferredLanguage?: string | null;
}

/** `POST /users`: Graph's required properties, plus optional profile fields. */
export class CreateUserDto extends UserProfileFieldsDto {
  @GraphBoolean({ required: true, example: true })
  accountEnabled: boolean;

  @IsUserDisplayName({ required: true })
  displayName: string;

  @IsMailNickname({ required: true })
  mailNickname: string;

  @IsUserPrincipalName({ required: true })
  userPrincipalName: string;

  @GraphNested(() => PasswordProfileDto, { required: true })
  passwordProfile: PasswordProfileDto;
}

/** `PATCH /users/{id}`: any subset; `null` only clears the clearable ones. */
export class UpdateUserDto extends UserProfileFieldsDto {
  @GraphBoolean({})
  accountEnabled?: boolean;

  @IsUserDisplayName({ required: false })
  displayName?: string;

  @IsMailNickname({ required: false })
  mailNickname?: string;

  @IsUserPrincipalName({ required: false })
  userPrincipalName?: string;

  @GraphNested(() => PasswordProfileDto, {})
  passwordProfile?: PasswordProfileDto;
}

/** The user as Graph returns it. */
@GraphEntity('microsoft.graph.user', 'a user of the directory (the default properties; `createdDateTime` and `signInSessionsValidFromDateTime` on `$select`).')
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

  @ApiPropertyOptional({
    nullable: true,
    type: String,
    format: 'date-time',
    description: 'Returned only on `$select`. Supports `$filter` (`eq`, `ne`, `not`, `ge`, `le`, `in`).',
  })
  createdDateTime?: string | null;

  @ApiPropertyOptional({
    nullable: true,
    type: String,
    format: 'date-time',
    description: 'Refresh and session tokens issued before this time are refused. Returned only on `$select`. Read-only; `revokeSignInSessions` resets it.',
  })
  signInSessionsValidFromDateTime?: string | null;
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
