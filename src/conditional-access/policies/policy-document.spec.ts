import { expectConforms } from '../../../test/support/graph-metadata-conformance.js';
import { GraphException } from '../../graph/errors/graph.exception.js';
import { prefersUnknownEnumMembers } from '../schema/document-schema.js';
import { deepMerge, mergePatch, normaliseCreate, renderParts, type PolicyDocument } from './policy-document.js';

const minimal = () => ({
  displayName: 'Require MFA',
  state: 'enabled',
  conditions: { clientAppTypes: ['all'], applications: { includeApplications: ['All'] }, users: { includeUsers: ['All'] } },
  grantControls: { operator: 'OR', builtInControls: ['mfa'] },
});

function error(fn: () => unknown): GraphException {
  try {
    fn();
  } catch (e) {
    if (e instanceof GraphException) return e;
    throw e;
  }
  throw new Error('expected a GraphException');
}

describe('policy normalisation', () => {
  it.each(['v1.0', 'beta'] as const)('fills the full normalised shape of %s and nothing outside its type', (version) => {
    const doc = normaliseCreate(minimal(), version);
    const parts = renderParts(doc, version, { includeUnknownEnumMembers: false });
    expectConforms(version, 'conditionalAccessConditionSet', parts.conditions);
    expectConforms(version, 'conditionalAccessGrantControls', parts.grantControls);
    expect(parts.conditions).toMatchObject({ signInRiskLevels: [], platforms: null, locations: null, devices: null, clientApplications: null });
    expect(parts.conditions.users).toMatchObject({ excludeUsers: [], includeGroups: [], includeGuestsOrExternalUsers: null });
    expect(parts.grantControls).toMatchObject({ customAuthenticationFactors: [], termsOfUse: [], authenticationStrength: null });
    expect(parts.sessionControls).toBeNull();
  });

  it('renders the stored superset per version: beta-only properties never reach v1.0', () => {
    const body = minimal();
    (body.conditions as Record<string, unknown>).deviceStates = { includeStates: ['All'] };
    const doc = normaliseCreate(body, 'beta');
    const v1 = renderParts(doc, 'v1.0', { includeUnknownEnumMembers: false });
    expect(v1.conditions).not.toHaveProperty('deviceStates');
    expectConforms('v1.0', 'conditionalAccessConditionSet', v1.conditions);
    expect(renderParts(doc, 'beta', { includeUnknownEnumMembers: false }).conditions).toHaveProperty('deviceStates');
  });

  it('refuses beta-only properties on v1.0 with 1007', () => {
    const body = minimal();
    (body.conditions as Record<string, unknown>).deviceStates = { includeStates: ['All'] };
    expect(error(() => normaliseCreate(body, 'v1.0')).message).toMatch(/^1007: Incoming ConditionalAccessPolicy object is null/);
  });

  it.each([
    ['a read-only id', { id: 'x' }, /^1001: 'id' is a readonly field/],
    ['createdDateTime', { createdDateTime: '2020-01-01T00:00:00Z' }, /^1001: 'createdDateTime'/],
    ['an unknown property', { colour: 'red' }, /^1007: /],
    ['an unknown state', { state: 'on' }, /^1007: /],
    ['an empty displayName', { displayName: ' ' }, /^1007: /],
    ['a wrong @odata.type', { '@odata.type': '#microsoft.graph.namedLocation' }, /^1007: /],
    ['the literal unknownFutureValue', { conditions: { ...minimal().conditions, clientAppTypes: ['unknownFutureValue'] } }, /^1007: .*unknownFutureValue/],
    ['an expanded authenticationStrength', { grantControls: { operator: 'OR', authenticationStrength: { id: 'x', displayName: 'y' } } }, /^1007: /],
    ['a string where an array belongs', { conditions: { ...minimal().conditions, clientAppTypes: 'all' } }, /^1007: /],
    ['null for a non-null collection', { conditions: { ...minimal().conditions, userRiskLevels: null } }, /^1007: /],
    [
      'an abstract type without @odata.type',
      {
        conditions: {
          ...minimal().conditions,
          users: {
            includeUsers: ['All'],
            excludeGuestsOrExternalUsers: { guestOrExternalUserTypes: 'internalGuest', externalTenants: { membershipKind: 'all' } },
          },
        },
      },
      /^1007: /,
    ],
  ])('refuses %s', (_name, change, message) => {
    expect(error(() => normaliseCreate({ ...minimal(), ...change }, 'v1.0')).message).toMatch(message);
  });

  it('requires displayName, state and conditions on create (1007)', () => {
    for (const key of ['displayName', 'state', 'conditions']) {
      const body: Record<string, unknown> = minimal();
      delete body[key];
      expect(error(() => normaliseCreate(body, 'v1.0')).message).toMatch(new RegExp(`^1007: .*'${key}' is required`));
    }
  });

  it('canonicalises flags enums and keeps polymorphic values typed', () => {
    const body = minimal();
    (body.conditions as Record<string, unknown>).users = {
      includeUsers: ['All'],
      excludeGuestsOrExternalUsers: {
        guestOrExternalUserTypes: 'serviceProvider, internalGuest',
        externalTenants: { '@odata.type': '#microsoft.graph.conditionalAccessEnumeratedExternalTenants', membershipKind: 'enumerated', members: ['t1'] },
      },
    };
    const doc = normaliseCreate(body, 'v1.0');
    const guests = (doc.conditions.users as Record<string, Record<string, unknown>>).excludeGuestsOrExternalUsers;
    expect(guests.guestOrExternalUserTypes).toBe('internalGuest,serviceProvider');
    expect(guests.externalTenants).toEqual({
      '@odata.type': '#microsoft.graph.conditionalAccessEnumeratedExternalTenants',
      membershipKind: 'enumerated',
      members: ['t1'],
    });
  });
});

describe('evolvable enums (graph-spec-ca-root §A.4)', () => {
  const body = () => ({
    ...minimal(),
    conditions: { ...minimal().conditions, platforms: { includePlatforms: ['linux', 'android'] } },
  });

  it('accepts members after unknownFutureValue and hides them without the Prefer header', () => {
    const doc = normaliseCreate(body(), 'v1.0');
    const hidden = renderParts(doc, 'v1.0', { includeUnknownEnumMembers: false });
    expect((hidden.conditions.platforms as Record<string, unknown>).includePlatforms).toEqual(['unknownFutureValue', 'android']);
    const shown = renderParts(doc, 'v1.0', { includeUnknownEnumMembers: true });
    expect((shown.conditions.platforms as Record<string, unknown>).includePlatforms).toEqual(['linux', 'android']);
  });

  it('reads the Prefer header among other preferences, case-insensitively', () => {
    expect(prefersUnknownEnumMembers('return=minimal, Include-Unknown-Enum-Members')).toBe(true);
    expect(prefersUnknownEnumMembers(['odata.maxpagesize=5', 'include-unknown-enum-members'])).toBe(true);
    expect(prefersUnknownEnumMembers('return=minimal')).toBe(false);
    expect(prefersUnknownEnumMembers(undefined)).toBe(false);
  });
});

describe('PATCH merge', () => {
  const stored = (): PolicyDocument => normaliseCreate(minimal(), 'v1.0');

  it('merges objects recursively and replaces arrays', () => {
    expect(deepMerge({ a: { b: 1, c: [1, 2] }, d: 1 }, { a: { c: [3] } })).toEqual({ a: { b: 1, c: [3] }, d: 1 });
    const doc = mergePatch(stored(), { conditions: { signInRiskLevels: ['high'], users: { includeUsers: ['None'] } } }, 'v1.0');
    expect(doc.conditions.signInRiskLevels).toEqual(['high']);
    expect((doc.conditions.users as Record<string, unknown>).includeUsers).toEqual(['None']);
    expect((doc.conditions.applications as Record<string, unknown>).includeApplications).toEqual(['All']);
    expect(doc.grantControls).toMatchObject({ builtInControls: ['mfa'], operator: 'OR' });
  });

  it('null clears a complex property; the merged result is re-validated', () => {
    const doc = mergePatch({ ...stored(), sessionControls: { disableResilienceDefaults: true } }, { sessionControls: null }, 'v1.0');
    expect(doc.sessionControls).toBeNull();
    expect(error(() => mergePatch(stored(), { conditions: { clientAppTypes: 'all' } }, 'v1.0')).message).toMatch(/^1007: /);
    expect(error(() => mergePatch(stored(), { displayName: null }, 'v1.0')).message).toMatch(/^1007: /);
  });

  it('templateId is fixed after create (1916) and read-only fields stay read-only (1001)', () => {
    expect(error(() => mergePatch(stored(), { templateId: 'c7503427-338e-4c5e-902d-abe252abfb43' }, 'v1.0')).message).toMatch(/^1916: /);
    expect(error(() => mergePatch(stored(), { modifiedDateTime: null }, 'v1.0')).message).toMatch(/^1001: /);
  });
});
