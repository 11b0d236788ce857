import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { GraphEntity } from '../../../graph/openapi/graph-schemas.js';
import { IsODataType } from '../../../graph/validation/odata-type.decorator.js';
import {
  GraphBoolean,
  GraphEnum,
  GraphNested,
  GraphNestedList,
  GraphReadOnly,
  GraphRule,
  GraphString,
  GraphStringList,
} from '../../../graph/validation/properties.js';
import {
  isPublicClientRedirectUri,
  isWebRedirectUri,
  PUBLIC_CLIENT_REDIRECT_URI_RULE,
  REDIRECT_URI_MAX_LENGTH,
  REDIRECT_URIS_MAX,
  WEB_REDIRECT_URI_RULE,
} from '../redirect-uris.js';

export const SIGN_IN_AUDIENCES = ['AzureADMyOrg', 'AzureADMultipleOrgs', 'AzureADandPersonalMicrosoftAccount', 'PersonalMicrosoftAccount'] as const;
const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const GUID_MESSAGE = 'must be a GUID';

const every = (test: (v: unknown) => boolean) => (value: unknown) => !Array.isArray(value) || value.every(test);

export class ImplicitGrantSettingsDto {
  @GraphBoolean({ description: 'Whether the authorize endpoint may return access tokens (implicit flow).' })
  enableAccessTokenIssuance?: boolean;

  @GraphBoolean({ description: 'Whether the authorize endpoint may return ID tokens (implicit or hybrid flow).' })
  enableIdTokenIssuance?: boolean;
}

export class WebApplicationDto {
  @GraphStringList({ maxItems: REDIRECT_URIS_MAX, maxLength: REDIRECT_URI_MAX_LENGTH, description: 'Where the authorization server sends codes and tokens.' })
  @GraphRule('webRedirectUri', every(isWebRedirectUri), WEB_REDIRECT_URI_RULE, {})
  redirectUris?: string[];

  @GraphString({ nullable: true, maxLength: REDIRECT_URI_MAX_LENGTH, description: 'Home page or landing page of the application.' })
  homePageUrl?: string | null;

  @GraphString({ nullable: true, maxLength: REDIRECT_URI_MAX_LENGTH, description: 'Where the service sends the user to sign out (front-channel).' })
  logoutUrl?: string | null;

  @GraphNested(() => ImplicitGrantSettingsDto, { nullable: true, description: 'Implicit grant settings.' })
  implicitGrantSettings?: ImplicitGrantSettingsDto | null;
}

export class SpaApplicationDto {
  @GraphStringList({
    maxItems: REDIRECT_URIS_MAX,
    maxLength: REDIRECT_URI_MAX_LENGTH,
    description: 'Single-page application redirect URIs (authorization code with PKCE).',
  })
  @GraphRule('spaRedirectUri', every(isWebRedirectUri), WEB_REDIRECT_URI_RULE, {})
  redirectUris?: string[];
}

export class PublicClientApplicationDto {
  @GraphStringList({ maxItems: REDIRECT_URIS_MAX, maxLength: REDIRECT_URI_MAX_LENGTH, description: 'Redirect URIs of public clients (desktop, mobile).' })
  @GraphRule('publicClientRedirectUri', every(isPublicClientRedirectUri), PUBLIC_CLIENT_REDIRECT_URI_RULE, {})
  redirectUris?: string[];
}

export class AppRoleDto {
  @GraphString({ required: true, pattern: GUID, message: GUID_MESSAGE, description: 'Unique role identifier.' })
  id: string;

  @GraphStringList({ required: true, maxItems: 2, maxLength: 16, description: '`User` and/or `Application`.' })
  @GraphRule(
    'appRoleMemberTypes',
    (v) => Array.isArray(v) && v.length > 0 && v.every((x) => x === 'User' || x === 'Application'),
    "must be 'User', 'Application' or both",
    {},
  )
  allowedMemberTypes: string[];

  @GraphString({ nullable: true, maxLength: 1024 })
  description?: string | null;

  @GraphString({ nullable: true, maxLength: 256 })
  displayName?: string | null;

  @GraphBoolean({ description: 'Default true.' })
  isEnabled?: boolean;

  @GraphString({ nullable: true, maxLength: 249, pattern: /^[!#-~]+$/, message: 'must be printable ASCII without spaces or quotes' })
  value?: string | null;
}

export class ResourceAccessDto {
  @GraphString({ required: true, pattern: GUID, message: GUID_MESSAGE, description: 'An app role or scope id of the resource.' })
  id: string;

  @GraphEnum(['Scope', 'Role'], { required: true, description: '`Scope` (delegated) or `Role` (application).' })
  type: string;
}

export class RequiredResourceAccessDto {
  @GraphString({ required: true, pattern: GUID, message: GUID_MESSAGE, description: 'The resource application (API) appId.' })
  resourceAppId: string;

  @GraphNestedList(() => ResourceAccessDto, { required: true, maxItems: 400 })
  resourceAccess: ResourceAccessDto[];
}

/** `keyCredentials` on POST/PATCH: a certificate's public part (`key`, base64 DER). */
export class KeyCredentialDto {
  @GraphString({ nullable: true, maxLength: 256 })
  displayName?: string | null;

  @GraphEnum(['AsymmetricX509Cert'], { required: true, description: 'Only certificates are kept here.' })
  type: string;

  @GraphEnum(['Verify'], { required: true, description: 'A certificate that verifies client assertions.' })
  usage: string;

  @GraphString({ required: true, maxLength: 16384, description: 'Base64 of the DER X.509 certificate (public part only).' })
  key: string;

  @GraphString({ pattern: GUID, message: GUID_MESSAGE })
  keyId?: string;

  @GraphString({ nullable: true, maxLength: 64 })
  customKeyIdentifier?: string | null;

  @GraphString({ nullable: true, maxLength: 40, description: "Defaults to the certificate's notBefore." })
  startDateTime?: string | null;

  @GraphString({ nullable: true, maxLength: 40, description: "Defaults to the certificate's notAfter." })
  endDateTime?: string | null;
}

/** The writable properties of an app registration (POST and PATCH). */
abstract class ApplicationWritableDto {
  @IsODataType('#microsoft.graph.application')
  '@odata.type'?: string;

  @GraphString({ nullable: true, maxLength: 1024 })
  description?: string | null;

  @GraphString({ nullable: true, maxLength: 1024 })
  notes?: string | null;

  @GraphEnum(SIGN_IN_AUDIENCES, { description: 'Who may sign in (default AzureADMyOrg).' })
  signInAudience?: string;

  @GraphStringList({ maxItems: 50, maxLength: 256, description: 'Application ID URIs (e.g. `api://{appId}`).' })
  @GraphRule(
    'identifierUri',
    every((v) => typeof v === 'string' && /^[a-z][a-z0-9+.-]*:\S+$/i.test(v) && !v.includes('*')),
    'must be absolute URIs without wildcard',
    {},
  )
  identifierUris?: string[];

  @GraphStringList({ maxItems: 50, maxLength: 256 })
  tags?: string[];

  @GraphBoolean({ nullable: true, description: 'Treat as a public client where the flow cannot tell (ROPC, device code).' })
  isFallbackPublicClient?: boolean | null;

  @GraphNested(() => WebApplicationDto, { description: 'Web application settings.' })
  web?: WebApplicationDto;

  @GraphNested(() => SpaApplicationDto, { description: 'Single-page application settings.' })
  spa?: SpaApplicationDto;

  @GraphNested(() => PublicClientApplicationDto, { description: 'Public client settings.' })
  publicClient?: PublicClientApplicationDto;

  @GraphNestedList(() => AppRoleDto, { maxItems: 1200, description: 'Roles the application declares.' })
  appRoles?: AppRoleDto[];

  @GraphNestedList(() => RequiredResourceAccessDto, { maxItems: 50, description: 'APIs and permissions the app needs.' })
  requiredResourceAccess?: RequiredResourceAccessDto[];

  @GraphNestedList(() => KeyCredentialDto, { maxItems: 50, description: 'Certificates (replaces the list).' })
  keyCredentials?: KeyCredentialDto[];

  @GraphReadOnly({ type: String, description: 'Generated by the service.' })
  appId?: never;

  @GraphReadOnly({ type: String, description: 'Generated by the service.' })
  id?: never;

  @GraphReadOnly({ type: [Object], description: 'Use addPassword and removePassword.' })
  passwordCredentials?: never;
}

export class CreateApplicationDto extends ApplicationWritableDto {
  @GraphString({ required: true, minLength: 1, maxLength: 256, description: 'The display name (required).', example: 'My app' })
  displayName: string;
}

export class UpdateApplicationDto extends ApplicationWritableDto {
  @GraphString({ minLength: 1, maxLength: 256, description: 'The display name (cannot be cleared).' })
  displayName?: string;
}

/** `addPassword`'s `passwordCredential`: only these three are honoured; `secretText` is generated. */
export class PasswordCredentialInputDto {
  @GraphString({ nullable: true, maxLength: 256 })
  displayName?: string | null;

  @GraphString({ nullable: true, maxLength: 40, description: 'ISO 8601; default now.' })
  startDateTime?: string | null;

  @GraphString({ nullable: true, maxLength: 40, description: 'ISO 8601; default two years after the start.' })
  endDateTime?: string | null;
}

export class AddPasswordDto {
  @GraphNested(() => PasswordCredentialInputDto, { nullable: true, description: 'Optional display name and validity.' })
  passwordCredential?: PasswordCredentialInputDto | null;
}

export class RemovePasswordDto {
  @GraphString({ required: true, pattern: GUID, message: GUID_MESSAGE, description: 'The keyId of the password to remove.' })
  keyId: string;
}

export class AddKeyDto {
  @GraphNested(() => KeyCredentialDto, { required: true, description: 'The certificate to add (type AsymmetricX509Cert, usage Verify).' })
  keyCredential: KeyCredentialDto;

  @GraphNested(() => PasswordCredentialInputDto, { nullable: true, description: 'Only for X509CertAndPassword keys, which are not kept here: send null.' })
  passwordCredential?: PasswordCredentialInputDto | null;

  @GraphString({
    required: true,
    maxLength: 16384,
    description: 'A JWT signed with an existing certificate of the app (aud 00000002-0000-0000-c000-000000000000, iss the app object id).',
  })
  proof: string;
}

export class RemoveKeyDto {
  @GraphString({ required: true, pattern: GUID, message: GUID_MESSAGE, description: 'The keyId of the certificate to remove.' })
  keyId: string;

  @GraphString({ required: true, maxLength: 16384, description: 'A JWT signed with a current certificate of the app (as for addKey).' })
  proof: string;
}

@GraphEntity('microsoft.graph.application', 'an app registration.')
export class ApplicationResponseDto {
  @ApiProperty() id: string;
  @ApiProperty() appId: string;
  @ApiProperty() displayName: string;
  @ApiProperty({ type: String, nullable: true }) description: string | null;
  @ApiProperty({ type: String, nullable: true }) notes: string | null;
  @ApiProperty() signInAudience: string;
  @ApiProperty({ type: [String] }) identifierUris: string[];
  @ApiProperty({ type: [String] }) tags: string[];
  @ApiProperty({ type: Boolean, nullable: true }) isFallbackPublicClient: boolean | null;
  @ApiProperty({ type: String }) createdDateTime: string;
  @ApiProperty({ type: Object }) web: object;
  @ApiProperty({ type: Object }) spa: object;
  @ApiProperty({ type: Object }) publicClient: object;
  @ApiProperty({ type: [Object] }) appRoles: object[];
  @ApiProperty({ type: [Object] }) requiredResourceAccess: object[];
  @ApiProperty({ type: [Object] }) keyCredentials: object[];
  @ApiProperty({ type: [Object] }) passwordCredentials: object[];
}

@GraphEntity('microsoft.graph.passwordCredential', 'the new secret: `secretText` is shown this once.')
export class PasswordCredentialResponseDto {
  @ApiProperty() keyId: string;
  @ApiProperty({ type: String, nullable: true }) displayName: string | null;
  @ApiProperty() secretText: string;
  @ApiProperty() hint: string;
  @ApiProperty() startDateTime: string;
  @ApiProperty() endDateTime: string;
}

@GraphEntity('microsoft.graph.keyCredential', 'the added certificate.')
export class KeyCredentialResponseDto {
  @ApiProperty() keyId: string;
  @ApiProperty() type: string;
  @ApiProperty() usage: string;
}

export class ApplicationCollectionDto {
  @ApiProperty({ example: 'https://graph.example/v1.0/$metadata#applications' })
  '@odata.context': string;

  @ApiPropertyOptional({ description: 'With `$count=true`: how many applications match the filter.' })
  '@odata.count'?: number;

  @ApiPropertyOptional({ description: 'The next page, when there is one.' })
  '@odata.nextLink'?: string;

  @ApiProperty({ type: [ApplicationResponseDto] })
  value: ApplicationResponseDto[];
}
