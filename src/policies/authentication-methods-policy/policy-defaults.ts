import type { GraphVersion } from '../../graph/http/base-url.js';

type Json = Record<string, unknown>;

/** The policy's fixed id and read-only values (graph-spec-ca-root §6.1). */
export const POLICY_ID = 'authenticationMethodsPolicy';
export const POLICY_DISPLAY_NAME = 'Authentication Methods Policy';
export const POLICY_DESCRIPTION =
  'The tenant-wide policy that controls which authentication methods are allowed in the tenant, authentication method registration requirements, and self-service password reset settings';
export const POLICY_VERSION = '1.5';

/** `all_users`: Graph's pseudo-group of every user in a target list. */
export const ALL_USERS = 'all_users';

const allUsers = (extra: Json = {}): Json => ({ id: ALL_USERS, targetType: 'group', isRegistrationRequired: false, ...extra });
const NO_GROUP = '00000000-0000-0000-0000-000000000000';
const feature = (): Json => ({ state: 'default', includeTarget: { targetType: 'group', id: ALL_USERS }, excludeTarget: { targetType: 'group', id: NO_GROUP } });

/** A built-in configuration: its Graph id, derived type, target type, and the versions that have it. */
export interface BuiltInMethod {
  readonly id: string;
  readonly type: string;
  /** The element type of `includeTargets`, per version (beta has a voice target type of its own). */
  readonly targetType: Readonly<Record<GraphVersion, string>>;
  readonly versions: readonly GraphVersion[];
  /** The configuration of a new tenant: every property (both versions'), `includeTargets` included. */
  readonly defaults: Json;
}

const BOTH: GraphVersion[] = ['v1.0', 'beta'];
const plainTarget = { 'v1.0': 'authenticationMethodTarget', beta: 'authenticationMethodTarget' } as const;

/**
 * Graph's built-in configurations in the order Graph lists them, with a new tenant's values
 * (graph-spec-ca-root §6.2; "(inferred)" rows there: disabled and no targets). HardwareOath is a beta
 * type only (v1.0's metadata has no hardwareOathAuthenticationMethodConfiguration).
 */
export const BUILT_IN_METHODS: readonly BuiltInMethod[] = [
  {
    id: 'Fido2',
    type: 'fido2AuthenticationMethodConfiguration',
    targetType: { 'v1.0': 'passkeyAuthenticationMethodTarget', beta: 'passkeyAuthenticationMethodTarget' },
    versions: BOTH,
    defaults: {
      state: 'disabled',
      excludeTargets: [],
      isSelfServiceRegistrationAllowed: true,
      isAttestationEnforced: true,
      keyRestrictions: { isEnforced: false, enforcementType: 'block', aaGuids: [] },
      defaultPasskeyProfile: null,
      includeTargets: [allUsers({ allowedPasskeyProfiles: [] })],
    },
  },
  {
    id: 'MicrosoftAuthenticator',
    type: 'microsoftAuthenticatorAuthenticationMethodConfiguration',
    targetType: {
      'v1.0': 'microsoftAuthenticatorAuthenticationMethodTarget',
      beta: 'microsoftAuthenticatorAuthenticationMethodTarget',
    },
    versions: BOTH,
    defaults: {
      state: 'disabled',
      excludeTargets: [],
      isSoftwareOathEnabled: false,
      featureSettings: {
        companionAppAllowedState: feature(),
        displayAppInformationRequiredState: feature(),
        displayLocationInformationRequiredState: feature(),
        numberMatchingRequiredState: feature(),
      },
      includeTargets: [allUsers({ authenticationMode: 'any' })],
    },
  },
  {
    id: 'Sms',
    type: 'smsAuthenticationMethodConfiguration',
    targetType: { 'v1.0': 'smsAuthenticationMethodTarget', beta: 'smsAuthenticationMethodTarget' },
    versions: BOTH,
    defaults: { state: 'enabled', excludeTargets: [], includeTargets: [allUsers({ isUsableForSignIn: true })] },
  },
  {
    id: 'TemporaryAccessPass',
    type: 'temporaryAccessPassAuthenticationMethodConfiguration',
    targetType: plainTarget,
    versions: BOTH,
    defaults: {
      state: 'disabled',
      excludeTargets: [],
      defaultLifetimeInMinutes: 60,
      defaultLength: 8,
      minimumLifetimeInMinutes: 60,
      maximumLifetimeInMinutes: 480,
      isUsableOnce: false,
      includeTargets: [allUsers()],
    },
  },
  {
    id: 'SoftwareOath',
    type: 'softwareOathAuthenticationMethodConfiguration',
    targetType: plainTarget,
    versions: BOTH,
    defaults: { state: 'disabled', excludeTargets: [], includeTargets: [] },
  },
  {
    id: 'Voice',
    type: 'voiceAuthenticationMethodConfiguration',
    targetType: { 'v1.0': 'authenticationMethodTarget', beta: 'voiceAuthenticationMethodTarget' },
    versions: BOTH,
    defaults: { state: 'disabled', excludeTargets: [], isOfficePhoneAllowed: false, callerIdNumber: null, includeTargets: [] },
  },
  {
    id: 'Email',
    type: 'emailAuthenticationMethodConfiguration',
    targetType: plainTarget,
    versions: BOTH,
    defaults: { state: 'enabled', excludeTargets: [], allowExternalIdToUseEmailOtp: 'default', includeTargets: [] },
  },
  {
    id: 'X509Certificate',
    type: 'x509CertificateAuthenticationMethodConfiguration',
    targetType: plainTarget,
    versions: BOTH,
    defaults: {
      state: 'disabled',
      excludeTargets: [],
      certificateUserBindings: [
        { x509CertificateField: 'PrincipalName', userProperty: 'onPremisesUserPrincipalName', priority: 1, trustAffinityLevel: 'low' },
        { x509CertificateField: 'RFC822Name', userProperty: 'userPrincipalName', priority: 2, trustAffinityLevel: 'low' },
        { x509CertificateField: 'SubjectKeyIdentifier', userProperty: 'certificateUserIds', priority: 3, trustAffinityLevel: 'high' },
      ],
      authenticationModeConfiguration: {
        x509CertificateAuthenticationDefaultMode: 'x509CertificateSingleFactor',
        x509CertificateDefaultRequiredAffinityLevel: 'low',
        rules: [],
      },
      issuerHintsConfiguration: { state: 'disabled' },
      crlValidationConfiguration: { state: 'disabled', exemptedCertificateAuthoritiesSubjectKeyIdentifiers: [] },
      certificateAuthorityScopes: [],
      includeTargets: [allUsers()],
    },
  },
  {
    id: 'HardwareOath',
    type: 'hardwareOathAuthenticationMethodConfiguration',
    targetType: plainTarget,
    versions: ['beta'],
    defaults: { state: 'disabled', excludeTargets: [], includeTargets: [] },
  },
  {
    id: 'QRCodePin',
    type: 'qrCodePinAuthenticationMethodConfiguration',
    targetType: plainTarget,
    versions: BOTH,
    defaults: { state: 'disabled', excludeTargets: [], standardQRCodeLifetimeInDays: 365, pinLength: 8, includeTargets: [] },
  },
];

/** External authentication methods (tenant-created, GUID ids). */
export const EXTERNAL_TYPE = 'externalAuthenticationMethodConfiguration';
export const EXTERNAL_KIND = 'external';
export const EXTERNAL_TARGET = plainTarget;

const BY_KEY = new Map(BUILT_IN_METHODS.map((m) => [m.id.toLowerCase(), m]));

/** The built-in method an id names, in any case (`temporaryAccessPass`, `x509certificate`). */
export function builtInMethod(id: string): BuiltInMethod | undefined {
  return BY_KEY.get(id.toLowerCase());
}

/** The policy-level properties of a new tenant (both versions'; each response keeps its version's). */
export const POLICY_DEFAULTS: Json = {
  policyMigrationState: 'migrationComplete',
  reconfirmationInDays: 0,
  registrationEnforcement: {
    authenticationMethodsRegistrationCampaign: {
      snoozeDurationInDays: 1,
      enforceRegistrationAfterAllowedSnoozes: true,
      state: 'default',
      excludeTargets: [],
      includeTargets: [{ id: ALL_USERS, targetType: 'group', targetedAuthenticationMethod: 'microsoftAuthenticator' }],
    },
  },
  reportSuspiciousActivitySettings: { state: 'default', includeTarget: { targetType: 'group', id: ALL_USERS }, voiceReportingCode: 0 },
  systemCredentialPreferences: { state: 'default', excludeTargets: [], includeTargets: [{ targetType: 'group', id: ALL_USERS }] },
  microsoftAuthenticatorPlatformSettings: null,
};

/** What a PATCH of the policy may set (the rest is read-only, or a navigation). */
export const POLICY_WRITABLE = [
  'policyMigrationState',
  'reconfirmationInDays',
  'registrationEnforcement',
  'reportSuspiciousActivitySettings',
  'systemCredentialPreferences',
  'microsoftAuthenticatorPlatformSettings',
] as const;
export const POLICY_READ_ONLY = ['id', 'displayName', 'description', 'lastModifiedDateTime', 'policyVersion'] as const;
