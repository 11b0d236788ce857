import { readFileSync } from 'node:fs';
import type { GraphCall } from '../../graph/graph-call.js';
import { GraphException } from '../../graph/errors/graph.exception.js';
import { TEMPLATES } from './templates.data.js';
import { TemplatesService } from './templates.service.js';

const call = (query: Record<string, unknown> = {}, version: 'v1.0' | 'beta' = 'v1.0'): GraphCall => ({
  version,
  baseUrl: `http://h/${version}`,
  requestUrl: `http://h/${version}/identity/conditionalAccess/templates`,
  query,
});

/** The spec's seed table (graph-spec-ca-root §4.2), read from the spec itself. */
function specIds(): string[] {
  const text = readFileSync(new URL('../../../../shared/spec/graph-spec-ca-root.md', import.meta.url), 'utf8');
  const section = text.slice(text.indexOf('Seed IDs'), text.indexOf('The `details` for the first template'));
  return [...section.matchAll(/\| `([0-9a-f-]{36})` \|/g)].map((m) => m[1]);
}

describe('Conditional Access templates (§4)', () => {
  const service = new TemplatesService();

  it('serves exactly the 16 template ids of the spec, with the names of the spec', () => {
    expect(TEMPLATES.map((t) => t.id)).toEqual(specIds());
    expect(TEMPLATES).toHaveLength(16);
    expect(TEMPLATES.filter((t) => t.documented).map((t) => t.name)).toEqual(['Require multifactor authentication for admins']);
  });

  it('renders the documented template as the docs show it, normalised for the version', () => {
    const t = service.get('c7503427-338e-4c5e-902d-abe252abfb43', call());
    const details = t.details as Record<string, Record<string, any>>;
    expect(details.conditions.applications.includeApplications).toEqual(['All']);
    expect(details.conditions.users.includeRoles).toEqual(['62e90394-69f5-4237-9190-012177145e10', '194ae4cb-b126-40b2-bd5b-6091b380977d']);
    expect(details.conditions.clientAppTypes).toEqual(['all']);
    expect(details.grantControls).toMatchObject({ operator: 'OR', builtInControls: ['mfa'], termsOfUse: [] });
    expect(details.conditions.signInRiskLevels).toEqual([]);
    expect(details.conditions).not.toHaveProperty('deviceStates');
    expect(t['@odata.context']).toBe('http://h/v1.0/$metadata#identity/conditionalAccess/templates/$entity');
  });

  it('filters with has on scenarios and projects $select', () => {
    const res = service.list(call({ $filter: "scenarios has 'protectAdmins'", $select: 'name' }));
    const value = res.value as Record<string, unknown>[];
    expect(value.length).toBeGreaterThan(0);
    expect(value.every((v) => Object.keys(v).sort().join() === 'id,name')).toBe(true);
    expect(value.map((v) => v.id)).toContain('c7503427-338e-4c5e-902d-abe252abfb43');
    expect(value.map((v) => v.id)).not.toContain('a3d0a415-b068-4326-9251-f9cdf9feeb64');
  });

  it('refuses $top (not supported on templates) and answers 404 for an unknown id', () => {
    expect(() => service.list(call({ $top: '1' }))).toThrow(GraphException);
    expect(() => service.get('00000000-0000-0000-0000-000000000000', call())).toThrow(GraphException);
  });
});
