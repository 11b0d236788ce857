import type { GraphVersion } from '../../../graph/http/base-url.js';
import type { GranularFamily } from '../../authentication.permissions.js';
import { PLATFORM_CREDENTIAL_METHOD_RESPONSES, WINDOWS_HELLO_METHOD_RESPONSES } from '../dto/device-key-method-response.dto.js';
import { EMAIL_METHOD_RESPONSES } from '../dto/email-method-response.dto.js';
import { FIDO2_METHOD_RESPONSES } from '../dto/fido2-method-response.dto.js';
import { MICROSOFT_AUTHENTICATOR_METHOD_RESPONSES } from '../dto/microsoft-authenticator-method-response.dto.js';
import type { MethodResponses } from '../dto/odata-response.dto.js';
import { PASSWORD_METHOD_RESPONSES } from '../dto/password-method-response.dto.js';
import { PHONE_METHOD_RESPONSES } from '../dto/phone-method-response.dto.js';
import { SOFTWARE_OATH_METHOD_RESPONSES } from '../dto/software-oath-method-response.dto.js';
import { TEMPORARY_ACCESS_PASS_RESPONSES } from '../dto/temporary-access-pass-response.dto.js';
import { EMAIL_METHOD_ID, PASSWORD_METHOD_ID, PHONE_IDS, PHONE_NUMBER_PATTERN, type PhoneType } from './method-ids.js';
import { maskPhoneNumber } from './phone-mask.js';

export type MethodKind =
  | 'password'
  | 'phone'
  | 'email'
  | 'temporaryAccessPass'
  | 'softwareOath'
  | 'fido2'
  | 'microsoftAuthenticator'
  | 'windowsHelloForBusiness'
  | 'platformCredential';

/** A method as stored: `properties` holds the family's own fields (jsonb). */
export interface StoredMethod {
  readonly id: string;
  readonly kind: MethodKind;
  readonly properties: Record<string, unknown>;
  readonly createdAt: Date | null;
}

/** What rendering needs besides the row. */
export interface RenderContext {
  readonly version: GraphVersion;
  readonly now: Date;
  /** The reader sees other users' numbers masked (Authentication Administrator only). */
  readonly maskPhones: boolean;
  /** Another user registered this mobile number for SMS sign-in first. */
  readonly smsNumberTaken: boolean;
  /** The tenant's policy lets this user sign in with SMS (DECISIONS §8). */
  readonly smsSignInAllowed: boolean;
  /** The tenant's policy lets this user use a Temporary Access Pass (DECISIONS §8). */
  readonly tapAllowed: boolean;
}

/** One property a fixture file may set for a method (fixtures are Graph-shaped, see docs). */
export interface FixtureField {
  readonly type: 'string' | 'int' | 'boolean' | 'datetime' | 'guid' | 'string[]';
  readonly required?: boolean;
  readonly nullable?: boolean;
  readonly enum?: readonly string[];
  readonly pattern?: RegExp;
}

export interface MethodFamily {
  readonly kind: MethodKind;
  /** URL segment under `/authentication`. */
  readonly segment: string;
  readonly odataType: string;
  /** Plural noun for Swagger summaries. */
  readonly title: string;
  readonly granular: GranularFamily;
  /** Graph offers DELETE on `{segment}/{id}`. */
  readonly deletable: boolean;
  /** Graph properties, in Graph's order (also what `$select` accepts). */
  readonly properties: readonly string[];
  /** Swagger response shapes (documentation only; `render` is what is sent): entity, with context, collection. */
  readonly responses: MethodResponses;
  /** Graph JSON of one method, without annotations, for any version (renderMethod trims it per version). */
  render(method: StoredMethod, ctx: RenderContext): Record<string, unknown>;
  /** Properties only one version's type has (graph-metadata): left out of the other version's responses. */
  readonly versionOnly?: Readonly<Record<string, GraphVersion>>;
  /** Fixed ids this family must use (phone types, email, password); absent: any GUID. */
  readonly fixedIds?: readonly string[];
  /** Settable fixture fields → `properties`; Graph's computed/read-only members are accepted and ignored. */
  readonly fixtureFields: Readonly<Record<string, FixtureField>>;
  readonly fixtureIgnored?: readonly string[];
}

const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);
const str = (v: unknown) => (typeof v === 'string' ? v : null);

/**
 * TAP usability from the policy, then the clock (graph-spec §2.6.8, DECISIONS §8): one-time use is
 * never consumed here (no sign-in).
 */
export function tapUsability(startIso: string, lifetimeInMinutes: number, now: Date, allowedByPolicy = true) {
  if (!allowedByPolicy) return { isUsable: false, methodUsabilityReason: 'DisabledByPolicy' };
  const start = Date.parse(startIso);
  if (now.getTime() < start) return { isUsable: false, methodUsabilityReason: 'NotYetValid' };
  if (now.getTime() >= start + lifetimeInMinutes * 60_000) return { isUsable: false, methodUsabilityReason: 'Expired' };
  return { isUsable: true, methodUsabilityReason: 'EnabledByPolicy' };
}

/** SMS sign-in applies to the primary mobile only; the others are voice only (graph-spec §2.6.6). */
export function smsSignInState(method: StoredMethod, ctx: Pick<RenderContext, 'smsNumberTaken' | 'smsSignInAllowed'>): string {
  if (method.id !== PHONE_IDS.mobile) return 'notSupported';
  if (!ctx.smsSignInAllowed) return 'notAllowedByPolicy';
  if (!method.properties.smsSignInEnabledAt) return 'notEnabled';
  return ctx.smsNumberTaken ? 'phoneNumberNotUnique' : 'ready';
}

const DEVICE_FIELDS: Record<string, FixtureField> = {
  displayName: { type: 'string', nullable: true },
  keyStrength: { type: 'string', nullable: true, enum: ['normal', 'weak', 'unknown'] },
};

const FAMILIES: readonly MethodFamily[] = [
  {
    kind: 'password',
    segment: 'passwordMethods',
    odataType: '#microsoft.graph.passwordAuthenticationMethod',
    title: 'password methods',
    granular: 'Password',
    deletable: false,
    fixedIds: [PASSWORD_METHOD_ID],
    responses: PASSWORD_METHOD_RESPONSES,
    properties: ['id', 'password', 'createdDateTime'],
    // The password itself is never returned (graph-spec §2.6.5).
    render: (m) => ({ id: m.id, password: null, createdDateTime: iso(m.createdAt) }),
    fixtureFields: {},
    fixtureIgnored: ['password'],
  },
  {
    kind: 'phone',
    segment: 'phoneMethods',
    odataType: '#microsoft.graph.phoneAuthenticationMethod',
    title: 'phone methods',
    granular: 'Phone',
    deletable: true,
    fixedIds: Object.values(PHONE_IDS),
    responses: PHONE_METHOD_RESPONSES,
    properties: ['id', 'phoneNumber', 'phoneType', 'smsSignInState', 'createdDateTime'],
    render: (m, ctx) => ({
      id: m.id,
      phoneNumber: ctx.maskPhones ? maskPhoneNumber(String(m.properties.phoneNumber)) : m.properties.phoneNumber,
      phoneType: m.properties.phoneType,
      smsSignInState: smsSignInState(m, ctx),
      createdDateTime: iso(m.createdAt),
    }),
    fixtureFields: {
      phoneNumber: { type: 'string', required: true, pattern: PHONE_NUMBER_PATTERN },
      phoneType: { type: 'string', required: true, enum: Object.keys(PHONE_IDS) },
      // Only `ready`/`notEnabled` mean something to store: whether SMS sign-in is on for a mobile.
      smsSignInState: { type: 'string', enum: ['ready', 'notEnabled', 'notSupported', 'notAllowedByPolicy', 'phoneNumberNotUnique'] },
    },
  },
  {
    kind: 'email',
    segment: 'emailMethods',
    odataType: '#microsoft.graph.emailAuthenticationMethod',
    title: 'email methods',
    granular: 'Email',
    deletable: true,
    fixedIds: [EMAIL_METHOD_ID],
    responses: EMAIL_METHOD_RESPONSES,
    properties: ['id', 'emailAddress', 'createdDateTime'],
    render: (m) => ({ id: m.id, emailAddress: m.properties.emailAddress, createdDateTime: iso(m.createdAt) }),
    fixtureFields: { emailAddress: { type: 'string', required: true, pattern: /^[^\s@]+@[^\s@]+\.[^\s@]+$/ } },
  },
  {
    kind: 'temporaryAccessPass',
    segment: 'temporaryAccessPassMethods',
    odataType: '#microsoft.graph.temporaryAccessPassAuthenticationMethod',
    title: 'Temporary Access Pass methods',
    granular: 'TAP',
    deletable: true,
    responses: TEMPORARY_ACCESS_PASS_RESPONSES,
    properties: ['id', 'temporaryAccessPass', 'createdDateTime', 'startDateTime', 'lifetimeInMinutes', 'isUsableOnce', 'isUsable', 'methodUsabilityReason'],
    render: (m, ctx) => {
      const start = String(m.properties.startDateTime);
      const lifetime = Number(m.properties.lifetimeInMinutes);
      return {
        id: m.id,
        // Shown once, in the create response; never stored.
        temporaryAccessPass: null,
        createdDateTime: iso(m.createdAt),
        startDateTime: start,
        lifetimeInMinutes: lifetime,
        isUsableOnce: m.properties.isUsableOnce === true,
        // A one-time pass used at sign-in (identity-platform/second-factor) stays listed until it expires.
        ...(m.properties.isUsableOnce === true && m.properties.usedDateTime && ctx.tapAllowed
          ? { isUsable: false, methodUsabilityReason: 'OneTimeUsed' }
          : tapUsability(start, lifetime, ctx.now, ctx.tapAllowed)),
      };
    },
    versionOnly: { isUsable: 'v1.0', methodUsabilityReason: 'v1.0' },
    fixtureFields: {
      startDateTime: { type: 'datetime' },
      lifetimeInMinutes: { type: 'int', required: true },
      isUsableOnce: { type: 'boolean' },
    },
    fixtureIgnored: ['temporaryAccessPass', 'isUsable', 'methodUsabilityReason', 'lastUsedDateTime'],
  },
  {
    kind: 'softwareOath',
    segment: 'softwareOathMethods',
    odataType: '#microsoft.graph.softwareOathAuthenticationMethod',
    title: 'software OATH token methods',
    granular: 'SoftwareOATH',
    deletable: true,
    responses: SOFTWARE_OATH_METHOD_RESPONSES,
    properties: ['id', 'secretKey', 'createdDateTime'],
    // The secret never leaves the service (graph-spec §2.6.7).
    render: (m) => ({ id: m.id, secretKey: null, createdDateTime: iso(m.createdAt) }),
    fixtureFields: {},
    fixtureIgnored: ['secretKey'],
  },
  {
    kind: 'fido2',
    segment: 'fido2Methods',
    odataType: '#microsoft.graph.fido2AuthenticationMethod',
    title: 'FIDO2 (passkey) methods',
    granular: 'Passkey',
    deletable: true,
    responses: FIDO2_METHOD_RESPONSES,
    properties: [
      'id',
      'displayName',
      'createdDateTime',
      'aaGuid',
      'model',
      'attestationCertificates',
      'attestationLevel',
      'passkeyType',
      'publicKeyCredential',
    ],
    render: (m) => ({
      id: m.id,
      displayName: str(m.properties.displayName),
      createdDateTime: iso(m.createdAt),
      aaGuid: str(m.properties.aaGuid),
      model: str(m.properties.model),
      attestationCertificates: Array.isArray(m.properties.attestationCertificates) ? m.properties.attestationCertificates : [],
      attestationLevel: str(m.properties.attestationLevel),
      passkeyType: str(m.properties.passkeyType),
      // Only a registration request carries it; never returned with a value.
      publicKeyCredential: null,
    }),
    fixtureFields: {
      displayName: { type: 'string', nullable: true },
      aaGuid: { type: 'guid', nullable: true },
      model: { type: 'string', nullable: true },
      attestationCertificates: { type: 'string[]' },
      attestationLevel: { type: 'string', nullable: true, enum: ['attested', 'notAttested', 'unknownFutureValue'] },
      passkeyType: { type: 'string', nullable: true, enum: ['deviceBound', 'synced', 'unknownFutureValue'] },
    },
  },
  {
    kind: 'microsoftAuthenticator',
    segment: 'microsoftAuthenticatorMethods',
    odataType: '#microsoft.graph.microsoftAuthenticatorAuthenticationMethod',
    title: 'Microsoft Authenticator methods',
    granular: 'MicrosoftAuthApp',
    deletable: true,
    responses: MICROSOFT_AUTHENTICATOR_METHOD_RESPONSES,
    properties: ['id', 'displayName', 'deviceTag', 'phoneAppVersion', 'createdDateTime', 'clientAppName'],
    render: (m) => ({
      id: m.id,
      displayName: str(m.properties.displayName),
      deviceTag: str(m.properties.deviceTag),
      phoneAppVersion: str(m.properties.phoneAppVersion),
      createdDateTime: iso(m.createdAt),
      clientAppName: str(m.properties.clientAppName),
    }),
    // Beta only (graph-spec §2.6.4).
    versionOnly: { clientAppName: 'beta' },
    fixtureFields: {
      displayName: { type: 'string', nullable: true },
      deviceTag: { type: 'string', nullable: true },
      phoneAppVersion: { type: 'string', nullable: true },
      clientAppName: { type: 'string', nullable: true, enum: ['microsoftAuthenticator', 'outlookMobile', 'unknownFutureValue'] },
    },
  },
  {
    kind: 'windowsHelloForBusiness',
    segment: 'windowsHelloForBusinessMethods',
    odataType: '#microsoft.graph.windowsHelloForBusinessAuthenticationMethod',
    title: 'Windows Hello for Business methods',
    granular: 'WindowsHello',
    deletable: true,
    responses: WINDOWS_HELLO_METHOD_RESPONSES,
    properties: ['id', 'displayName', 'createdDateTime', 'keyStrength'],
    render: (m) => ({
      id: m.id,
      displayName: str(m.properties.displayName),
      createdDateTime: iso(m.createdAt),
      keyStrength: str(m.properties.keyStrength),
    }),
    fixtureFields: DEVICE_FIELDS,
  },
  {
    kind: 'platformCredential',
    segment: 'platformCredentialMethods',
    odataType: '#microsoft.graph.platformCredentialAuthenticationMethod',
    title: 'platform credential (Platform SSO) methods',
    granular: 'PlatformCred',
    deletable: true,
    responses: PLATFORM_CREDENTIAL_METHOD_RESPONSES,
    properties: ['id', 'displayName', 'createdDateTime', 'keyStrength', 'platform'],
    render: (m) => ({
      id: m.id,
      displayName: str(m.properties.displayName),
      createdDateTime: iso(m.createdAt),
      keyStrength: str(m.properties.keyStrength),
      platform: str(m.properties.platform),
    }),
    fixtureFields: {
      ...DEVICE_FIELDS,
      platform: { type: 'string', nullable: true, enum: ['unknown', 'windows', 'macOS', 'iOS', 'android', 'linux', 'unknownFutureValue'] },
    },
  },
];

export const METHOD_FAMILIES: readonly MethodFamily[] = FAMILIES;

const BY_KIND = new Map(FAMILIES.map((f) => [f.kind, f]));
const BY_TYPE = new Map(FAMILIES.map((f) => [f.odataType, f]));

export function familyOf(kind: MethodKind): MethodFamily {
  return BY_KIND.get(kind)!;
}

export function familyByODataType(type: string): MethodFamily | undefined {
  return BY_TYPE.get(type);
}

/** Every user has the password method, stored or not (DECISIONS: implicit, createdDateTime unknown). */
export const IMPLICIT_PASSWORD: StoredMethod = { id: PASSWORD_METHOD_ID, kind: 'password', properties: {}, createdAt: null };

/**
 * One method as the called version's type has it: the family's properties minus those of the other
 * version only, and beta's `lastUsedDateTime` (base `authenticationMethod`, beta only; always null:
 * nobody signs in here).
 */
export function renderMethod(method: StoredMethod, ctx: RenderContext): Record<string, unknown> {
  const family = familyOf(method.kind);
  const body = family.render(method, ctx);
  for (const [property, version] of Object.entries(family.versionOnly ?? {})) if (version !== ctx.version) delete body[property];
  if (ctx.version === 'beta') body.lastUsedDateTime = null;
  return body;
}

/** Polymorphic `methods` items carry their type (graph-spec §2.5). */
export function renderPolymorphic(method: StoredMethod, ctx: RenderContext): Record<string, unknown> {
  return { '@odata.type': familyOf(method.kind).odataType, ...renderMethod(method, ctx) };
}

export function phoneTypeOfId(id: string): PhoneType | undefined {
  return (Object.keys(PHONE_IDS) as PhoneType[]).find((t) => PHONE_IDS[t] === id.toLowerCase());
}
