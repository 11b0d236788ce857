import { ApiProperty } from '@nestjs/swagger';
import { GraphBoolean, GraphNested } from '../../graph/validation/properties.js';
import { IsClearableText, IsMailNickname, IsNewPassword, IsUserDisplayName, IsUserPrincipalName } from './user-fields.decorators.js';

/** Write-only: never stored, never returned. */
export class PasswordProfileDto {
  @IsNewPassword({ required: true })
  password: string;

  @GraphBoolean({ description: 'Whether the user must change the password at next sign-in (default true).' })
  forceChangePasswordNextSignIn?: boolean;

  @GraphBoolean({ description: 'Whether the user must also perform MFA before changing it.' })
  forceChangePasswordNextSignInWithMfa?: boolean;
}

/** `POST /users`: Graph's required properties, plus optional profile fields. */
export class CreateUserDto {
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

  @IsClearableText(64, 'Adele')
  givenName?: string | null;

  @IsClearableText(64, 'Vance')
  surname?: string | null;

  @IsClearableText(256, 'AdeleV@contoso.com')
  mail?: string | null;
}

/** `PATCH /users/{id}`: any subset; `null` only clears the clearable ones. */
export class UpdateUserDto {
  @GraphBoolean({})
  accountEnabled?: boolean;

  @IsUserDisplayName({ required: false })
  displayName?: string;

  @IsMailNickname({ required: false })
  mailNickname?: string;

  @IsUserPrincipalName({ required: false })
  userPrincipalName?: string;

  @IsClearableText(64)
  givenName?: string | null;

  @IsClearableText(64)
  surname?: string | null;

  @IsClearableText(256)
  mail?: string | null;

  @GraphNested(() => PasswordProfileDto, {})
  passwordProfile?: PasswordProfileDto;
}

/** The user as Graph returns it. */
export class UserDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ nullable: true, type: String }) displayName: string | null;
  @ApiProperty() userPrincipalName: string;
  @ApiProperty({ nullable: true, type: String }) mail: string | null;
  @ApiProperty({ nullable: true, type: String }) mailNickname: string | null;
  @ApiProperty({ nullable: true, type: String }) givenName: string | null;
  @ApiProperty({ nullable: true, type: String }) surname: string | null;
  @ApiProperty({ nullable: true, type: Boolean }) accountEnabled: boolean | null;
}
