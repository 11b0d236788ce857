/**
 * Seeds a tenant's Conditional Access policies through the service's own API (so every row went through
 * validation, normalisation and the reference index, as a real tenant's did): a few named locations and
 * authentication contexts, then `count` policies with varied users, applications, locations, platforms,
 * grant and session controls. Exactly 20 policies name TARGET_APP, whatever `count` is, so the filtered
 * scenario always returns the same page size.
 */
const CA = '/v1.0/identity/conditionalAccess';

/** The application the filtered scenario asks for. */
export const TARGET_APP = '3f1c4a2e-8b7d-4e6f-9a10-0b2c3d4e5f60';
export const TARGET_MATCHES = 20;

const guid = (prefix: string, i: number) => `${prefix}-0000-4000-8000-${i.toString(16).padStart(12, '0')}`;
const APPS = Array.from({ length: 12 }, (_, i) => guid('a0000000', i + 1));
const USERS = Array.from({ length: 40 }, (_, i) => guid('b0000000', i + 1));
const GROUPS = Array.from({ length: 15 }, (_, i) => guid('c0000000', i + 1));
const ROLES = ['9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3', '158c047a-c907-4556-b7ef-446551a6b5f7', 'b0f54661-2d74-4c50-afa3-1ec803f12efe'];
const STRENGTHS = ['00000000-0000-0000-0000-000000000002', '00000000-0000-0000-0000-000000000003', '00000000-0000-0000-0000-000000000004'];
const STATES = ['enabled', 'enabled', 'disabled', 'enabledForReportingButNotEnforced'];

async function post(base: string, token: string, path: string, body: unknown): Promise<{ id: string }> {
  const res = await fetch(`${base}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (res.status !== 201) throw new Error(`seeding ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as { id: string };
}

function policy(i: number, count: number, locations: string[]): Record<string, unknown> {
  const step = Math.max(1, Math.floor(count / TARGET_MATCHES));
  const targeted = i % step === 0 && i / step < TARGET_MATCHES;
  const pick = <T>(xs: T[], k: number) => xs[k % xs.length];
  const kind = i % 7;
  const applications = targeted
    ? { includeApplications: [TARGET_APP, pick(APPS, i)], excludeApplications: [] }
    : kind === 0
      ? { includeAuthenticationContextClassReferences: [`c${(i % 3) + 1}`] }
      : kind === 1
        ? { includeUserActions: ['urn:user:registersecurityinfo'] }
        : kind === 2
          ? { includeApplications: ['Office365'], excludeApplications: [pick(APPS, i + 3)] }
          : kind === 3
            ? { includeApplications: ['All'], excludeApplications: [pick(APPS, i), pick(APPS, i + 5)] }
            : { includeApplications: [pick(APPS, i), pick(APPS, i + 1), pick(APPS, i + 7)] };
  const users =
    i % 3 === 0
      ? { includeUsers: ['All'], excludeUsers: [pick(USERS, i), pick(USERS, i + 11)], excludeGroups: [pick(GROUPS, i)] }
      : i % 3 === 1
        ? { includeGroups: [pick(GROUPS, i), pick(GROUPS, i + 4)], includeRoles: [pick(ROLES, i)] }
        : { includeUsers: [pick(USERS, i), pick(USERS, i + 1), pick(USERS, i + 2)], excludeUsers: ['GuestsOrExternalUsers'] };
  const grantControls =
    i % 5 === 0
      ? { operator: 'OR', builtInControls: ['block'] }
      : i % 5 === 1
        ? { operator: 'OR', authenticationStrength: { id: pick(STRENGTHS, i) } }
        : i % 5 === 2
          ? { operator: 'AND', builtInControls: ['mfa', 'compliantDevice'] }
          : { operator: 'OR', builtInControls: ['mfa', 'domainJoinedDevice'] };
  return {
    displayName: `CA${String(i).padStart(3, '0')} - ${i % 5 === 0 ? 'Block' : 'Require'} ${kind === 1 ? 'registration' : 'access'} ${i}`,
    state: pick(STATES, i),
    conditions: {
      clientAppTypes: i % 4 === 0 ? ['exchangeActiveSync', 'other'] : ['browser', 'mobileAppsAndDesktopClients'],
      applications,
      users,
      ...(i % 2 === 0 ? { locations: { includeLocations: ['All'], excludeLocations: [pick(locations, i), 'AllTrusted'] } } : {}),
      ...(i % 3 === 2 ? { platforms: { includePlatforms: ['android', 'iOS'], excludePlatforms: [] } } : {}),
      ...(i % 4 === 1 ? { signInRiskLevels: ['high', 'medium'] } : {}),
    },
    grantControls,
    ...(i % 6 === 3 ? { sessionControls: { signInFrequency: { isEnabled: true, value: (i % 12) + 1, type: 'hours', frequencyInterval: 'timeBased' } } } : {}),
  };
}

/** Seeds `count` policies (8 requests in flight) and returns how many name TARGET_APP. */
export async function seedPolicies(base: string, token: string, count: number): Promise<number> {
  for (let i = 1; i <= 3; i++) {
    await post(base, token, `${CA}/authenticationContextClassReferences`, { id: `c${i}`, displayName: `Context ${i}`, isAvailable: true });
  }
  const locations: string[] = [];
  for (let i = 0; i < 4; i++) {
    const body =
      i % 2 === 0
        ? {
            '@odata.type': '#microsoft.graph.ipNamedLocation',
            displayName: `Office ${i}`,
            isTrusted: true,
            ipRanges: [{ '@odata.type': '#microsoft.graph.iPv4CidrRange', cidrAddress: `12.34.${i * 16}.0/20` }],
          }
        : { '@odata.type': '#microsoft.graph.countryNamedLocation', displayName: `Countries ${i}`, countriesAndRegions: ['US', 'GB'] };
    locations.push((await post(base, token, `${CA}/namedLocations`, body)).id);
  }
  let next = 0;
  let targeted = 0;
  const worker = async () => {
    for (let i = next++; i < count; i = next++) {
      const body = policy(i, count, locations);
      if ((body.conditions as { applications: { includeApplications?: string[] } }).applications.includeApplications?.includes(TARGET_APP)) targeted++;
      await post(base, token, `${CA}/policies`, body);
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
  return targeted;
}
