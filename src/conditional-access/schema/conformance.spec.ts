import type { GraphCall } from '../../graph/graph-call.js';
import { BUILT_IN_STRENGTHS } from '../authentication-strengths/authentication-strengths.data.js';
import { AuthenticationStrengthsService, strengthToGraph } from '../authentication-strengths/authentication-strengths.service.js';
import { namedLocationToGraph } from '../named-locations/named-locations.service.js';
import { PoliciesService } from '../policies/policies.service.js';
import { normaliseCreate } from '../policies/policy-document.js';
import { TEMPLATES } from '../templates/templates.data.js';
import { templateToGraph } from '../templates/templates.service.js';
import { expectConforms } from '../../../test/support/graph-metadata-conformance.js';

const VERSIONS = ['v1.0', 'beta'] as const;
const now = new Date('2026-01-01T00:00:00Z');

/** Every entity the CA root renders carries exactly its type's properties for the version called (DECISIONS §7). */
describe('rendered entities conform to Microsoft’s metadata', () => {
  it.each(VERSIONS)('templates (%s)', (version) => {
    for (const t of TEMPLATES) expectConforms(version, 'conditionalAccessTemplate', templateToGraph(t, version, 'http://h', false));
  });

  it.each(VERSIONS)('named locations, both derived types (%s)', (version) => {
    const common = { id: 'x', displayName: 'n', createdAt: now, modifiedAt: now, deletedAt: null };
    const ip = {
      ...common,
      kind: 'ip' as const,
      isTrusted: false,
      document: { ipRanges: [{ '@odata.type': '#microsoft.graph.iPv4CidrRange', cidrAddress: '1.2.3.0/24' }] },
    };
    const country = {
      ...common,
      kind: 'country' as const,
      isTrusted: false,
      document: { countriesAndRegions: ['US'], includeUnknownCountriesAndRegions: false, countryLookupMethod: 'clientIpAddress' },
    };
    expectConforms(version, 'namedLocation', namedLocationToGraph(ip));
    expectConforms(version, 'namedLocation', namedLocationToGraph(country));
  });

  it.each(VERSIONS)('authentication strengths (%s)', (version) => {
    for (const s of BUILT_IN_STRENGTHS) {
      expectConforms(version, 'authenticationStrengthPolicy', strengthToGraph({ ...s, builtIn: true, combinationConfigurations: [] }, 'http://h', false));
    }
  });

  it.each(VERSIONS)('policies, with an inline strength (%s)', async (version) => {
    const strengths = { views: async () => new Map([[BUILT_IN_STRENGTHS[2].id, { ...BUILT_IN_STRENGTHS[2], builtIn: true, combinationConfigurations: [] }]]) };
    const service = new PoliciesService({} as never, {} as never, strengths as unknown as AuthenticationStrengthsService);
    const doc = normaliseCreate(
      {
        displayName: 'P',
        state: 'enabled',
        conditions: { clientAppTypes: ['all'], applications: { includeApplications: ['All'] }, users: { includeUsers: ['All'] } },
        grantControls: { operator: 'OR', authenticationStrength: { id: BUILT_IN_STRENGTHS[2].id } },
        sessionControls: { signInFrequency: { isEnabled: true, type: 'hours', value: 4, frequencyInterval: 'timeBased' } },
      },
      version,
    );
    const call = { version, baseUrl: `http://h/${version}`, requestUrl: '', query: {} } as GraphCall;
    const [json] = await service.renderAll('t', [{ ...doc, id: 'p', createdAt: now, modifiedAt: null, deletedAt: null }], call, {});
    expectConforms(version, 'conditionalAccessPolicy', json);
    expect((json.grantControls as Record<string, unknown>)['authenticationStrength@odata.context']).toBe(
      `http://h/${version}/$metadata#identity/conditionalAccess/authenticationStrength/policies/$entity`,
    );
  });
});
