/** Seed data of the authentication strength root (graph-spec-ca-root §3.2), identical in every tenant. */

/** The 17 combinations of the built-in "Multifactor authentication" strength, canonical member order. */
export const MFA_COMBINATIONS: readonly string[] = [
  'windowsHelloForBusiness',
  'fido2',
  'x509CertificateMultiFactor',
  'deviceBasedPush',
  'temporaryAccessPassOneTime',
  'temporaryAccessPassMultiUse',
  'password,microsoftAuthenticatorPush',
  'password,softwareOath',
  'password,hardwareOath',
  'password,sms',
  'password,voice',
  'federatedMultiFactor',
  'microsoftAuthenticatorPush,federatedSingleFactor',
  'softwareOath,federatedSingleFactor',
  'hardwareOath,federatedSingleFactor',
  'sms,federatedSingleFactor',
  'voice,federatedSingleFactor',
];

/** Single-factor combinations: valid in a custom strength, but they make it `requirementsSatisfied: none`. */
export const SINGLE_FACTOR_COMBINATIONS: readonly string[] = ['x509CertificateSingleFactor', 'sms', 'password', 'federatedSingleFactor', 'email'];

/** `qrCodePin` comes after unknownFutureValue (graph-spec-ca-root §A.4): shown only on request. */
export const EVOLVABLE_COMBINATIONS: readonly string[] = ['qrCodePin'];

/** Every valid combination, `GET …/authenticationStrength/combinations` (22, plus qrCodePin when asked). */
export const ALL_COMBINATIONS: readonly string[] = [...MFA_COMBINATIONS, ...SINGLE_FACTOR_COMBINATIONS];

const BUILT_IN_DATE = '2021-12-01T00:00:00Z';

export interface BuiltInStrength {
  id: string;
  displayName: string;
  description: string;
  allowedCombinations: readonly string[];
  createdDateTime: string;
  modifiedDateTime: string;
}

export const BUILT_IN_STRENGTHS: readonly BuiltInStrength[] = [
  {
    id: '00000000-0000-0000-0000-000000000002',
    displayName: 'Multifactor authentication',
    description: 'Combinations of methods that satisfy strong authentication, such as a password + SMS',
    allowedCombinations: MFA_COMBINATIONS,
    createdDateTime: BUILT_IN_DATE,
    modifiedDateTime: BUILT_IN_DATE,
  },
  {
    id: '00000000-0000-0000-0000-000000000003',
    displayName: 'Passwordless MFA',
    description: 'Passwordless methods that satisfy strong authentication, such as Passwordless sign-in with the Microsoft Authenticator',
    allowedCombinations: ['windowsHelloForBusiness', 'fido2', 'x509CertificateMultiFactor', 'deviceBasedPush'],
    createdDateTime: BUILT_IN_DATE,
    modifiedDateTime: BUILT_IN_DATE,
  },
  {
    id: '00000000-0000-0000-0000-000000000004',
    displayName: 'Phishing resistant MFA',
    description: 'Phishing resistant, Passwordless methods for the strongest authentication, such as a FIDO2 security key',
    allowedCombinations: ['windowsHelloForBusiness', 'fido2', 'x509CertificateMultiFactor'],
    createdDateTime: BUILT_IN_DATE,
    modifiedDateTime: BUILT_IN_DATE,
  },
];

/** `authenticationMethodModes` (graph-spec-ca-root §3.2; hardwareOath's name is ours). */
export const METHOD_MODES: readonly { id: string; displayName: string; authenticationMethod: string }[] = [
  { id: 'password', displayName: 'Password', authenticationMethod: 'password' },
  { id: 'voice', displayName: 'Voice', authenticationMethod: 'voice' },
  { id: 'hardwareOath', displayName: 'Hardware OATH tokens', authenticationMethod: 'hardwareOath' },
  { id: 'softwareOath', displayName: 'Software OATH tokens', authenticationMethod: 'softwareOath' },
  { id: 'sms', displayName: 'SMS', authenticationMethod: 'sms' },
  { id: 'fido2', displayName: 'FIDO2 Security Key', authenticationMethod: 'fido2' },
  { id: 'windowsHelloForBusiness', displayName: 'Windows Hello for Business', authenticationMethod: 'windowsHelloForBusiness' },
  { id: 'microsoftAuthenticatorPush', displayName: 'Microsoft Authenticator (push notification)', authenticationMethod: 'microsoftAuthenticator' },
  { id: 'deviceBasedPush', displayName: 'Microsoft Authenticator (Passwordless)', authenticationMethod: 'microsoftAuthenticator' },
  { id: 'temporaryAccessPassOneTime', displayName: 'Temporary Access Pass (one-time use)', authenticationMethod: 'temporaryAccessPass' },
  { id: 'temporaryAccessPassMultiUse', displayName: 'Temporary Access Pass (multi-use)', authenticationMethod: 'temporaryAccessPass' },
  { id: 'email', displayName: 'Email one-time passcode', authenticationMethod: 'email' },
  { id: 'x509CertificateSingleFactor', displayName: 'Certificate-based authentication (single factor)', authenticationMethod: 'x509Certificate' },
  { id: 'x509CertificateMultiFactor', displayName: 'Certificate-based authentication (multifactor)', authenticationMethod: 'x509Certificate' },
  { id: 'federatedSingleFactor', displayName: 'Federation (single factor)', authenticationMethod: 'federation' },
  { id: 'federatedMultiFactor', displayName: 'Federation (multifactor)', authenticationMethod: 'federation' },
];

/** At most this many custom strengths per tenant (ENTRA how-to custom strengths). */
export const CUSTOM_STRENGTH_LIMIT = 15;
