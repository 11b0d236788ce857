import { DIRECTORY_ROLES } from '../../auth/directory-roles.js';
import { amrFor, evaluateSignIn, type EvaluatedPolicy, type EvaluationData, type SignInInput } from './sign-in-evaluation.js';

const USER = '11111111-1111-4111-8111-111111111111';
const OTHER = '22222222-2222-4222-8222-222222222222';
const APP = '33333333-3333-4333-8333-333333333333';
const GRAPH = '00000003-0000-0000-c000-000000000000';
const LOC = '44444444-4444-4444-8444-444444444444';
const COUNTRY = '55555555-5555-4555-8555-555555555555';
const STRENGTH = '66666666-6666-4666-8666-666666666666';

const input = (over: Partial<SignInInput> = {}): SignInInput => ({
  tenantId: 't',
  user: { id: USER, roleTemplateIds: [DIRECTORY_ROLES.User] },
  clientAppId: APP,
  resourceAppId: GRAPH,
  clientAppType: 'mobileAppsAndDesktopClients',
  ipAddress: '127.0.0.1',
  methods: ['password'],
  ...over,
});

let n = 0;
function policy(
  over: {
    state?: string;
    conditions?: Record<string, unknown>;
    grantControls?: Record<string, unknown> | null;
    sessionControls?: Record<string, unknown> | null;
  } = {},
): EvaluatedPolicy {
  n += 1;
  return {
    id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    displayName: `p${n}`,
    state: over.state ?? 'enabled',
    conditions: {
      applications: { includeApplications: ['All'], excludeApplications: [], includeUserActions: [], includeAuthenticationContextClassReferences: [] },
      users: { includeUsers: ['All'], excludeUsers: [], includeRoles: [], excludeRoles: [], includeGroups: [], excludeGroups: [] },
      clientAppTypes: ['all'],
      locations: null,
      platforms: null,
      ...over.conditions,
    },
    grantControls: over.grantControls === undefined ? { operator: 'OR', builtInControls: ['block'] } : over.grantControls,
    sessionControls: over.sessionControls ?? null,
  };
}

const data = (policies: EvaluatedPolicy[], extra: Partial<EvaluationData> = {}): EvaluationData => ({
  policies,
  locations: [
    { id: LOC, kind: 'ip', isTrusted: true, document: { ipRanges: [{ '@odata.type': '#microsoft.graph.iPv4CidrRange', cidrAddress: '127.0.0.0/8' }] } },
    { id: COUNTRY, kind: 'country', isTrusted: false, document: { countriesAndRegions: ['FR'], includeUnknownCountriesAndRegions: true } },
  ],
  strengths: [{ id: STRENGTH, displayName: 'TAP only', allowedCombinations: ['temporaryAccessPassOneTime'] }],
  ...extra,
});

const users = (u: Record<string, unknown>) => ({ users: { includeUsers: [], excludeUsers: [], includeRoles: [], excludeRoles: [], ...u } });
const apps = (a: Record<string, unknown>) => ({
  applications: { includeApplications: [], excludeApplications: [], includeAuthenticationContextClassReferences: [], ...a },
});

describe('evaluateSignIn: conditions', () => {
  it.each([
    ['all users', {}, 'block'],
    ['the user by id', users({ includeUsers: [USER] }), 'block'],
    ['another user', users({ includeUsers: [OTHER] }), 'allow'],
    ['all but the user', users({ includeUsers: ['All'], excludeUsers: [USER] }), 'allow'],
    ['the user by role', users({ includeRoles: [DIRECTORY_ROLES['Global Administrator']] }), 'allow'],
    ['guests only', users({ includeUsers: ['GuestsOrExternalUsers'] }), 'allow'],
    ['the client app', apps({ includeApplications: [APP] }), 'block'],
    ['the resource (Graph)', apps({ includeApplications: [GRAPH] }), 'block'],
    ['another app', apps({ includeApplications: [OTHER] }), 'allow'],
    ['all apps but the client', apps({ includeApplications: ['All'], excludeApplications: [APP] }), 'allow'],
    ['Office365', apps({ includeApplications: ['Office365'] }), 'allow'],
    ['client type browser only', { clientAppTypes: ['browser'] }, 'allow'],
    ['client type desktop', { clientAppTypes: ['mobileAppsAndDesktopClients'] }, 'block'],
    ['location 127.0.0.0/8', { locations: { includeLocations: [LOC], excludeLocations: [] } }, 'block'],
    ['all trusted', { locations: { includeLocations: ['AllTrusted'], excludeLocations: [] } }, 'block'],
    ['all but trusted', { locations: { includeLocations: ['All'], excludeLocations: ['AllTrusted'] } }, 'allow'],
    ['a country location with unknown countries', { locations: { includeLocations: [COUNTRY], excludeLocations: [] } }, 'block'],
    ['platform android (none known)', { platforms: { includePlatforms: ['android'], excludePlatforms: [] } }, 'allow'],
    ['platform all', { platforms: { includePlatforms: ['all'], excludePlatforms: [] } }, 'block'],
    ['user risk high', { userRiskLevels: ['high'] }, 'allow'],
    ['a device filter, include mode', { devices: { deviceFilter: { mode: 'include', rule: 'device.isCompliant -eq True' } } }, 'allow'],
    ['a device filter, exclude mode', { devices: { deviceFilter: { mode: 'exclude', rule: 'device.isCompliant -eq True' } } }, 'block'],
  ])('a block policy targeting %s', (_name, conditions, outcome) => {
    expect(evaluateSignIn(input(), data([policy({ conditions })])).outcome).toBe(outcome);
  });

  it('roles: the user holds the role', () => {
    const p = policy({ conditions: users({ includeRoles: [DIRECTORY_ROLES['Global Administrator']] }) });
    const r = evaluateSignIn(input({ user: { id: USER, roleTemplateIds: [DIRECTORY_ROLES['Global Administrator']] } }), data([p]));
    expect(r.outcome).toBe('block');
    expect(r.blockingPolicyIds).toEqual([p.id]);
    expect(r.appliedConditionalAccessPolicies[0]).toMatchObject({
      result: 'failure',
      enforcedGrantControls: ['Block'],
      conditionsSatisfied: 'application,users',
    });
  });

  it('a location outside the range does not apply, and says which condition failed', () => {
    const p = policy({ conditions: { locations: { includeLocations: [LOC], excludeLocations: [] } } });
    const r = evaluateSignIn(input({ ipAddress: '10.1.2.3' }), data([p]));
    expect(r.outcome).toBe('allow');
    expect(r.conditionalAccessStatus).toBe('notApplied');
    expect(r.appliedConditionalAccessPolicies[0]).toMatchObject({
      result: 'notApplied',
      conditionsNotSatisfied: 'location',
      conditionsSatisfied: 'application,users',
    });
    expect(r.analysis[0]).toEqual({ policyId: p.id, policyApplies: false, analysisReasons: 'location' });
  });

  it('IPv4-mapped IPv6 addresses match IPv4 ranges', () => {
    const p = policy({ conditions: { locations: { includeLocations: [LOC], excludeLocations: [] } } });
    expect(evaluateSignIn(input({ ipAddress: '::ffff:127.0.0.1' }), data([p])).outcome).toBe('block');
  });
});

describe('evaluateSignIn: grant controls', () => {
  const mfa = { operator: 'OR', builtInControls: ['mfa'] };
  it('mfa with a password only: needsMoreAuth, the MFA combinations as the requirement', () => {
    const p = policy({ grantControls: mfa });
    const r = evaluateSignIn(input(), data([p]));
    expect(r.outcome).toBe('needsMoreAuth');
    expect(r.interruptingPolicyIds).toEqual([p.id]);
    expect(r.requirements).toHaveLength(1);
    expect(r.requirements[0]).toMatchObject({ policyId: p.id, control: 'mfa' });
    expect(r.requirements[0].allowedCombinations).toContain('password,sms');
    expect(r.conditionalAccessStatus).toBe('failure');
  });

  it('mfa re-run after a second factor: allow, success', () => {
    const p = policy({ grantControls: mfa });
    for (const methods of [['password', 'sms'], ['temporaryAccessPassOneTime'], ['password', 'softwareOath']]) {
      const r = evaluateSignIn(input({ methods }), data([p]));
      expect(r.outcome).toBe('allow');
      expect(r.conditionalAccessStatus).toBe('success');
      expect(r.appliedConditionalAccessPolicies[0].result).toBe('success');
    }
    // email one-time codes are not a second factor (not in any MFA combination)
    expect(evaluateSignIn(input({ methods: ['password', 'email'] }), data([p])).outcome).toBe('needsMoreAuth');
  });

  it('a custom strength: only its combinations satisfy it', () => {
    const p = policy({ grantControls: { operator: 'OR', builtInControls: [], authenticationStrength: { id: STRENGTH } } });
    const before = evaluateSignIn(input({ methods: ['password', 'sms'] }), data([p]));
    expect(before.outcome).toBe('needsMoreAuth');
    expect(before.requirements[0]).toMatchObject({
      control: 'authenticationStrength',
      authenticationStrengthId: STRENGTH,
      allowedCombinations: ['temporaryAccessPassOneTime'],
    });
    expect(before.appliedConditionalAccessPolicies[0]).toMatchObject({
      enforcedGrantControls: ['RequireAuthenticationStrength'],
      authenticationStrength: { id: STRENGTH, displayName: 'TAP only' },
    });
    expect(evaluateSignIn(input({ methods: ['temporaryAccessPassOneTime'] }), data([p])).outcome).toBe('allow');
  });

  it('a built-in strength (phishing resistant) cannot be met with a TAP', () => {
    const p = policy({ grantControls: { operator: 'OR', builtInControls: [], authenticationStrength: { id: '00000000-0000-0000-0000-000000000004' } } });
    expect(evaluateSignIn(input({ methods: ['temporaryAccessPassOneTime'] }), data([p])).outcome).toBe('needsMoreAuth');
    expect(evaluateSignIn(input({ methods: ['fido2'] }), data([p])).outcome).toBe('allow');
  });

  it.each([
    ['compliantDevice alone', { operator: 'OR', builtInControls: ['compliantDevice'] }, ['password', 'sms'], 'block'],
    ['mfa OR compliantDevice, password only', { operator: 'OR', builtInControls: ['mfa', 'compliantDevice'] }, ['password'], 'needsMoreAuth'],
    ['mfa OR compliantDevice, with mfa', { operator: 'OR', builtInControls: ['mfa', 'compliantDevice'] }, ['password', 'sms'], 'allow'],
    ['mfa AND compliantDevice', { operator: 'AND', builtInControls: ['mfa', 'compliantDevice'] }, ['password', 'sms'], 'block'],
    ['mfa AND nothing else, done', { operator: 'AND', builtInControls: ['mfa'] }, ['password', 'sms'], 'allow'],
    ['approvedApplication', { operator: 'OR', builtInControls: ['approvedApplication'] }, ['password'], 'block'],
    ['session controls only', null, ['password'], 'allow'],
  ])('%s', (_name, grantControls, methods, outcome) => {
    const p = policy({
      grantControls: grantControls as Record<string, unknown> | null,
      sessionControls: grantControls ? null : { signInFrequency: { isEnabled: true, value: 1, type: 'hours' } },
    });
    expect(evaluateSignIn(input({ methods }), data([p])).outcome).toBe(outcome);
  });

  it('a block wins over an MFA requirement; both are listed', () => {
    const a = policy({ grantControls: mfa });
    const b = policy({ conditions: apps({ includeApplications: [APP] }) });
    const r = evaluateSignIn(input(), data([a, b]));
    expect(r.outcome).toBe('block');
    expect(r.blockingPolicyIds).toEqual([b.id]);
    expect(r.interruptingPolicyIds).toEqual([a.id]);
    expect(r.requirements).toEqual([]);
  });
});

describe('evaluateSignIn: states', () => {
  it('report-only: recorded, never enforced', () => {
    const block = policy({ state: 'enabledForReportingButNotEnforced' });
    const mfa = policy({ state: 'enabledForReportingButNotEnforced', grantControls: { operator: 'OR', builtInControls: ['mfa'] } });
    const other = policy({ state: 'enabledForReportingButNotEnforced', conditions: users({ includeUsers: [OTHER] }) });
    const session = policy({
      state: 'enabledForReportingButNotEnforced',
      grantControls: null,
      sessionControls: { applicationEnforcedRestrictions: { isEnabled: true } },
    });
    const r = evaluateSignIn(input(), data([block, mfa, other, session]));
    expect(r.outcome).toBe('allow');
    expect(r.conditionalAccessStatus).toBe('notApplied');
    expect(r.appliedConditionalAccessPolicies.map((a) => a.result)).toEqual([
      'reportOnlyFailure',
      'reportOnlyInterrupted',
      'reportOnlyNotApplied',
      'reportOnlySuccess',
    ]);
    expect(r.appliedConditionalAccessPolicies[3].enforcedSessionControls).toEqual(['AppEnforcedRestrictions']);
  });

  it('disabled: notEnabled, What If says policyNotEnabled', () => {
    const p = policy({ state: 'disabled' });
    const r = evaluateSignIn(input(), data([p]));
    expect(r.outcome).toBe('allow');
    expect(r.appliedConditionalAccessPolicies[0].result).toBe('notEnabled');
    expect(r.analysis[0]).toEqual({ policyId: p.id, policyApplies: false, analysisReasons: 'policyNotEnabled' });
  });
});

describe('evaluateSignIn: authentication contexts', () => {
  const ctx = (c: string, grantControls: Record<string, unknown>) =>
    policy({ conditions: apps({ includeAuthenticationContextClassReferences: [c] }), grantControls });

  it('a context policy applies only when its context is asked for', () => {
    const p = ctx('c1', { operator: 'OR', builtInControls: ['mfa'] });
    const without = evaluateSignIn(input(), data([p]));
    expect(without.outcome).toBe('allow');
    expect(without.appliedConditionalAccessPolicies[0]).toMatchObject({ result: 'notApplied', conditionsNotSatisfied: 'application' });
    expect(without.analysis[0].analysisReasons).toBe('authenticationContext');
    const asked = evaluateSignIn(input({ requestedContexts: ['c1'] }), data([p]));
    expect(asked.outcome).toBe('needsMoreAuth');
    expect(asked.satisfiedContexts).toEqual([]);
    const done = evaluateSignIn(input({ requestedContexts: ['c1'], methods: ['password', 'sms'] }), data([p]));
    expect(done.outcome).toBe('allow');
    expect(done.satisfiedContexts).toEqual(['c1']);
  });

  it('a context whose policy asks for what was done is satisfied; the others asked for too', () => {
    const p = ctx('c2', { operator: 'OR', builtInControls: [], authenticationStrength: { id: STRENGTH } });
    const r = evaluateSignIn(input({ requestedContexts: ['c2', 'c3'], methods: ['temporaryAccessPassOneTime'] }), data([p]));
    expect(r.outcome).toBe('allow');
    expect(r.satisfiedContexts).toEqual(['c2', 'c3']);
  });

  it('a blocked sign-in satisfies no context', () => {
    const r = evaluateSignIn(input({ requestedContexts: ['c1'] }), data([policy()]));
    expect(r.outcome).toBe('block');
    expect(r.satisfiedContexts).toEqual([]);
  });
});

describe('amrFor', () => {
  it.each([
    [['password'], ['pwd']],
    [
      ['password', 'sms'],
      ['pwd', 'sms', 'mfa'],
    ],
    [
      ['password', 'softwareOath'],
      ['pwd', 'otp', 'mfa'],
    ],
    [
      ['password', 'email'],
      ['pwd', 'otp'],
    ],
    [['temporaryAccessPassOneTime'], ['pwd', 'mfa']],
  ])('%j → %j', (methods, amr) => {
    expect(amrFor(methods)).toEqual(amr);
  });
});
