import { GraphException } from '../../graph/errors/graph.exception.js';
import { normaliseCreate } from './policy-document.js';
import { validatePolicy } from './policy-rules.js';

const GLOBAL_ADMIN = '62e90394-69f5-4237-9190-012177145e10';
const USER = '1b8f6b1e-6bd6-4c9a-9a6f-6a0c5e0a5a11';

type Body = Record<string, any>;
const base = (): Body => ({
  displayName: 'P',
  state: 'enabled',
  conditions: { clientAppTypes: ['all'], applications: { includeApplications: ['All'] }, users: { includeUsers: ['All'] } },
  grantControls: { operator: 'OR', builtInControls: ['mfa'] },
});

/** Applies `change` to a valid body, then normalises and validates it as the service does. */
function check(change: (b: Body) => void, version: 'v1.0' | 'beta' = 'v1.0') {
  const body = base();
  change(body);
  const doc = normaliseCreate(body, version);
  validatePolicy(doc, version);
  return doc;
}

function message(change: (b: Body) => void, version: 'v1.0' | 'beta' = 'v1.0'): string {
  try {
    check(change, version);
  } catch (e) {
    if (e instanceof GraphException) {
      expect({ status: e.getStatus(), code: e.code }).toEqual({ status: 400, code: 'BadRequest' });
      return e.message;
    }
    throw e;
  }
  throw new Error('expected a 400');
}

const riskOnly = (b: Body) => {
  b.conditions.userRiskLevels = ['high'];
};

describe('policy validation table (graph-spec-ca-root §1.7)', () => {
  it('accepts a valid policy', () => {
    expect(() => check(() => undefined)).not.toThrow();
  });

  it.each<[string, (b: Body) => void, RegExp]>([
    // rule 4: applications and exactly one target kind
    ['no applications', (b) => delete b.conditions.applications, /^1901: /],
    ['an empty target', (b) => (b.conditions.applications = { includeApplications: [] }), /^1901: /],
    [
      'apps and user actions',
      (b) => (b.conditions.applications.includeUserActions = ['urn:user:registerdevice']),
      /^1012: 'applications' condition cannot include both/,
    ],
    ['apps and contexts', (b) => (b.conditions.applications.includeAuthenticationContextClassReferences = ['c1']), /^1012: /],
    ['an unknown user action', (b) => (b.conditions.applications = { includeUserActions: ['urn:user:dance'] }), /^1914: /],
    ['a malformed context id', (b) => (b.conditions.applications = { includeAuthenticationContextClassReferences: ['c26'] }), /^1909: /],
    // rule 5: users or workload identities
    ['no users', (b) => delete b.conditions.users, /^1902: /],
    ['users with no include', (b) => (b.conditions.users = { excludeUsers: [USER] }), /^1902: /],
    // rule 6
    ['no clientAppTypes', (b) => (b.conditions.clientAppTypes = []), /^1903: /],
    // rule 8: controls and operator
    ['no controls', (b) => delete b.grantControls, /^1904: /],
    ['empty grant controls', (b) => (b.grantControls = { operator: 'OR', builtInControls: [] }), /^1904: /],
    ['two controls without operator', (b) => (b.grantControls = { builtInControls: ['mfa', 'compliantDevice'] }), /^1905: /],
    ['a bad operator', (b) => (b.grantControls.operator = 'XOR'), /^1905: /],
    // rule 9: combinations
    [
      'mfa with a strength',
      (b) => (b.grantControls.authenticationStrength = { id: '00000000-0000-0000-0000-000000000002' }),
      /^1108: Authentication strengths cannot be used alongside the MFA built-in control\.$/,
    ],
    ['block with others', (b) => (b.grantControls = { operator: 'OR', builtInControls: ['block', 'mfa'] }), /^1906: 'block'/],
    [
      'passwordChange without mfa',
      (b) => {
        riskOnly(b);
        b.grantControls = { operator: 'AND', builtInControls: ['passwordChange', 'compliantDevice'] };
      },
      /^1906: 'passwordChange' must be combined/,
    ],
    [
      'passwordChange under OR',
      (b) => {
        riskOnly(b);
        b.grantControls = { operator: 'OR', builtInControls: ['passwordChange', 'mfa'] };
      },
      /^1906: /,
    ],
    [
      'passwordChange without user risk',
      (b) => (b.grantControls = { operator: 'AND', builtInControls: ['passwordChange', 'mfa'] }),
      /^1906: 'passwordChange' requires/,
    ],
    [
      'passwordChange with other conditions',
      (b) => {
        riskOnly(b);
        b.conditions.signInRiskLevels = ['high'];
        b.grantControls = { operator: 'AND', builtInControls: ['passwordChange', 'mfa'] };
      },
      /^1906: /,
    ],
    [
      'passwordChange with riskRemediation',
      (b) => (b.grantControls = { operator: 'AND', builtInControls: ['passwordChange', 'riskRemediation'] }),
      /^1906: 'passwordChange' and 'riskRemediation'/,
    ],
    [
      'riskRemediation without a strength',
      (b) => {
        riskOnly(b);
        b.grantControls = { operator: 'AND', builtInControls: ['riskRemediation', 'compliantDevice'] };
      },
      /^1906: 'riskRemediation'/,
    ],
    // rule 11 and identifiers
    ['a custom role', (b) => (b.conditions.users.includeRoles = [USER]), new RegExp(`^1103: 'users' condition contains non-built in role ids: ${USER}\\.$`)],
    ['a malformed user id', (b) => (b.conditions.users.includeUsers = ['alice']), /^1911: /],
    ['All in groups', (b) => (b.conditions.users.includeGroups = ['All']), /^1911: /],
    ['All in excludeApplications', (b) => (b.conditions.applications.excludeApplications = ['All']), /^1911: /],
    ['AllAgentIdUsers on v1.0', (b) => (b.conditions.users.includeUsers = ['AllAgentIdUsers']), /^1911: /],
    ['a malformed location', (b) => (b.conditions.locations = { includeLocations: ['Paris'] }), /^1911: /],
    [
      'GuestsOrExternalUsers twice',
      (b) => {
        b.conditions.users.includeUsers = ['GuestsOrExternalUsers'];
        b.conditions.users.includeGuestsOrExternalUsers = {
          guestOrExternalUserTypes: 'internalGuest',
          externalTenants: { '@odata.type': '#microsoft.graph.conditionalAccessAllExternalTenants', membershipKind: 'all' },
        };
      },
      /^1913: /,
    ],
    ['an empty filter rule', (b) => (b.conditions.devices = { deviceFilter: { mode: 'include', rule: ' ' } }), /^1915: /],
    // session controls
    [
      'sign-in frequency without value',
      (b) => (b.sessionControls = { signInFrequency: { isEnabled: true, type: 'hours', frequencyInterval: 'timeBased' } }),
      /^1912: /,
    ],
    ['24 hours', (b) => (b.sessionControls = { signInFrequency: { isEnabled: true, type: 'hours', value: 24, frequencyInterval: 'timeBased' } }), /^1912: /],
    [
      'everyTime with a value',
      (b) => (b.sessionControls = { signInFrequency: { isEnabled: true, type: 'hours', value: 1, frequencyInterval: 'everyTime' } }),
      /^1912: /,
    ],
  ])('refuses %s', (_name, change, expected) => {
    expect(message(change)).toMatch(expected);
  });

  it.each<[string, (b: Body) => void]>([
    [
      'passwordChange with mfa under AND on user risk, all apps',
      (b) => {
        riskOnly(b);
        b.grantControls = { operator: 'AND', builtInControls: ['mfa', 'passwordChange'] };
      },
    ],
    [
      'riskRemediation with a strength under AND',
      (b) => {
        riskOnly(b);
        b.grantControls = { operator: 'AND', builtInControls: ['riskRemediation'], authenticationStrength: { id: '00000000-0000-0000-0000-000000000004' } };
      },
    ],
    [
      'workload identities instead of users',
      (b) => {
        delete b.conditions.users;
        b.conditions.clientApplications = { includeServicePrincipals: ['ServicePrincipalsInMyTenant'] };
      },
    ],
    [
      'only session controls',
      (b) => {
        delete b.grantControls;
        b.sessionControls = { signInFrequency: { isEnabled: true, type: 'days', value: 365, frequencyInterval: 'timeBased' } };
      },
    ],
    ['built-in roles', (b) => (b.conditions.users.includeRoles = [GLOBAL_ADMIN.toUpperCase()])],
    ['user actions alone', (b) => (b.conditions.applications = { includeUserActions: ['urn:user:registersecurityinfo'] })],
    [
      'the MFA trusted IPs pseudo-location',
      (b) => (b.conditions.locations = { includeLocations: ['All'], excludeLocations: ['00000000-0000-0000-0000-000000000000'] }),
    ],
  ])('accepts %s', (_name, change) => {
    expect(() => check(change)).not.toThrow();
  });

  it('writes keywords in Graph spelling and ids lower-case', () => {
    const doc = check((b) => {
      b.conditions.users.includeUsers = ['all'];
      b.conditions.users.excludeUsers = [USER.toUpperCase()];
      b.conditions.users.includeRoles = [GLOBAL_ADMIN.toUpperCase()];
      b.grantControls.operator = 'or';
    });
    expect(doc.conditions.users).toMatchObject({ includeUsers: ['All'], excludeUsers: [USER], includeRoles: [GLOBAL_ADMIN] });
    expect(doc.grantControls?.operator).toBe('OR');
  });

  it('accepts AllAgentIdUsers on beta', () => {
    expect(() => check((b) => (b.conditions.users.includeUsers = ['AllAgentIdUsers']), 'beta')).not.toThrow();
  });
});
