/**
 * The 16 Conditional Access templates (graph-spec-ca-root §4.2): identical in every tenant, read-only.
 * Only the first template's `details` is documented (the docs' list example); the others are ours, built
 * from each template's name (docs/conditional-access.md says so). Details are stored sparse and rendered in
 * the full normalised shape of the version called.
 */
export interface TemplateData {
  id: string;
  name: string;
  description: string;
  scenarios: string;
  details: { conditions: Record<string, unknown>; grantControls: Record<string, unknown> | null; sessionControls: Record<string, unknown> | null };
  /** true only where Microsoft documents the details. */
  documented: boolean;
}

const GLOBAL_ADMIN = '62e90394-69f5-4237-9190-012177145e10';
const SECURITY_ADMIN = '194ae4cb-b126-40b2-bd5b-6091b380977d';
const ADMIN_ROLES = [
  GLOBAL_ADMIN,
  SECURITY_ADMIN,
  'b1be1c3e-b65d-4f19-8427-f6fa0d97feb9', // Conditional Access Administrator
  '9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3', // Application Administrator
  'c4e39bd9-1100-46d3-8c65-fb160da0071f', // Authentication Administrator
  '29232cdf-9323-42fd-ade2-1d097af3e4de', // Exchange Administrator
  'fe930be7-5e62-47db-91af-98c3a49a38b1', // User Administrator
  'e8611ab8-c189-46e8-94e1-60213ab1f814', // Privileged Role Administrator
  'f28a1f50-f6e7-4571-818b-6a12f2af6b6c', // SharePoint Administrator
];
const CURRENT_ADMIN = 'Current administrator will be excluded';
const PHISHING_RESISTANT = '00000000-0000-0000-0000-000000000004';

const allUsers = (exclude: string[] = [CURRENT_ADMIN]) => ({ includeUsers: ['All'], excludeUsers: exclude });
const apps = (include: string[]) => ({ includeApplications: include });
const grant = (operator: string, builtInControls: string[], extra: Record<string, unknown> = {}) => ({
  operator,
  builtInControls,
  ...extra,
});

function template(
  id: string,
  name: string,
  scenarios: string,
  conditions: Record<string, unknown>,
  grantControls: Record<string, unknown> | null,
  sessionControls: Record<string, unknown> | null = null,
  documented = false,
): TemplateData {
  return {
    id,
    name,
    description: name,
    scenarios,
    details: { conditions: { clientAppTypes: ['all'], ...conditions }, grantControls, sessionControls },
    documented,
  };
}

export const TEMPLATES: readonly TemplateData[] = [
  template(
    'c7503427-338e-4c5e-902d-abe252abfb43',
    'Require multifactor authentication for admins',
    'secureFoundation,zeroTrust,protectAdmins',
    { applications: apps(['All']), users: { includeRoles: [GLOBAL_ADMIN, SECURITY_ADMIN] } },
    grant('OR', ['mfa']),
    null,
    true,
  ),
  template(
    'b8bda7f8-6584-4446-bce9-d871480e53fa',
    'Securing security info registration',
    'secureFoundation,zeroTrust,remoteWork',
    {
      applications: { includeUserActions: ['urn:user:registersecurityinfo'] },
      users: { includeUsers: ['All'], excludeUsers: ['GuestsOrExternalUsers'], excludeRoles: [GLOBAL_ADMIN] },
      locations: { includeLocations: ['All'], excludeLocations: ['AllTrusted'] },
    },
    grant('OR', ['mfa']),
  ),
  template(
    '0b2282f9-2862-4178-88b5-d79340b36cb8',
    'Block legacy authentication',
    'secureFoundation,zeroTrust,remoteWork,protectAdmins',
    { applications: apps(['All']), users: allUsers(), clientAppTypes: ['exchangeActiveSync', 'other'] },
    grant('OR', ['block']),
  ),
  template(
    'a3d0a415-b068-4326-9251-f9cdf9feeb64',
    'Require multifactor authentication for all users',
    'secureFoundation,zeroTrust,remoteWork',
    { applications: apps(['All']), users: allUsers() },
    grant('OR', ['mfa']),
  ),
  template(
    'd8c51a9a-e6b1-454d-86af-554e7872e2c1',
    'Require multifactor authentication for Azure management',
    'secureFoundation,zeroTrust,protectAdmins',
    { applications: apps(['797f4846-ba00-4fd7-ba43-dac1f8f63013']), users: allUsers() },
    grant('OR', ['mfa']),
  ),
  template(
    '927c884e-7888-4e81-abc4-bd56ded28985',
    'Require compliant or hybrid Azure AD joined device or multifactor authentication for all users',
    'zeroTrust,remoteWork',
    { applications: apps(['All']), users: allUsers() },
    grant('OR', ['mfa', 'compliantDevice', 'domainJoinedDevice']),
  ),
  template(
    'a297dd1a-21fe-4016-99a0-ba43ba64378c',
    'Require MDM-enrolled and compliant device to access cloud apps for all users (Preview)',
    'zeroTrust,remoteWork',
    { applications: apps(['All']), users: allUsers() },
    grant('OR', ['compliantDevice']),
  ),
  template(
    'a4072ac0-722b-4991-981b-7f9755daef14',
    'Require multifactor authentication for guest access',
    'zeroTrust,remoteWork',
    { applications: apps(['All']), users: { includeUsers: ['GuestsOrExternalUsers'] } },
    grant('OR', ['mfa']),
  ),
  template(
    '6b619f55-792e-45dc-9711-d83ec9d7ae90',
    'Require multifactor authentication for risky sign-ins',
    'zeroTrust,remoteWork',
    { applications: apps(['All']), users: allUsers(), signInRiskLevels: ['high', 'medium'] },
    grant('OR', ['mfa']),
    { signInFrequency: { isEnabled: true, frequencyInterval: 'everyTime', authenticationType: 'primaryAndSecondaryAuthentication' } },
  ),
  template(
    '634b6de7-c38d-4357-a2c7-3842706eedd7',
    'Require password change for high-risk users',
    'zeroTrust,remoteWork',
    { applications: apps(['All']), users: allUsers(), userRiskLevels: ['high'] },
    grant('AND', ['mfa', 'passwordChange']),
    { signInFrequency: { isEnabled: true, frequencyInterval: 'everyTime', authenticationType: 'primaryAndSecondaryAuthentication' } },
  ),
  template(
    '4e39a309-931e-4cb1-a371-e2beea168002',
    'Block access for unknown or unsupported device platform',
    'zeroTrust,remoteWork',
    {
      applications: apps(['All']),
      users: allUsers(),
      platforms: { includePlatforms: ['all'], excludePlatforms: ['android', 'iOS', 'windows', 'macOS', 'linux'] },
    },
    grant('OR', ['block']),
  ),
  template(
    '62e51ccc-c9c3-4554-ac70-066172c81007',
    'No persistent browser session',
    'zeroTrust,remoteWork',
    { applications: apps(['All']), users: allUsers() },
    null,
    { persistentBrowser: { isEnabled: true, mode: 'never' }, signInFrequency: { isEnabled: true, type: 'hours', value: 1, frequencyInterval: 'timeBased' } },
  ),
  template(
    '81fd2072-4876-42b6-8157-c6000693046b',
    'Use application enforced restrictions for O365 apps',
    'zeroTrust,remoteWork',
    { applications: apps(['Office365']), users: allUsers() },
    null,
    { applicationEnforcedRestrictions: { isEnabled: true } },
  ),
  template(
    '76c03f19-ea37-4656-a772-a183b4ddb81d',
    'Require phishing-resistant multifactor authentication for admins',
    'zeroTrust,protectAdmins',
    { applications: apps(['All']), users: { includeRoles: ADMIN_ROLES } },
    { operator: 'OR', builtInControls: [], authenticationStrength: { id: PHISHING_RESISTANT } },
  ),
  template(
    '6364131e-bc4a-47c4-a20b-33492d1fff6c',
    'Require multifactor authentication for Microsoft admin portals',
    'zeroTrust,protectAdmins',
    { applications: apps(['MicrosoftAdminPortals']), users: { includeRoles: ADMIN_ROLES } },
    grant('OR', ['mfa']),
  ),
  template(
    '16aaa400-bfdf-4756-a420-ad2245d4cde8',
    'Block access to Office365 apps for users with insider risk',
    'zeroTrust,emergingThreats',
    { applications: apps(['Office365']), users: allUsers(), insiderRiskLevels: 'elevated' },
    grant('OR', ['block']),
  ),
];

export const TEMPLATE_IDS: ReadonlySet<string> = new Set(TEMPLATES.map((t) => t.id));
