import { GraphErrors } from '../graph/errors/graph.exception.js';
import { entryError, parseSeed, SeedError } from './seed-file.js';

const TENANT = '6e1c8b3a-5f7d-4c2e-9a10-2b3c4d5e6f70';

describe('seed file structure', () => {
  const fails = (json: unknown) => {
    try {
      parseSeed(json);
    } catch (e) {
      expect(e).toBeInstanceOf(SeedError);
      return (e as Error).message;
    }
    throw new Error('parsed');
  };

  it('takes tenants with the seven lists, each optional, ids lowercased', () => {
    const [t] = parseSeed({ tenants: [{ id: TENANT.toUpperCase(), users: [{ a: 1 }] }] });
    expect(t.id).toBe(TENANT);
    expect(t.lists.users).toEqual([{ a: 1 }]);
    expect(t.lists.conditionalAccessPolicies).toEqual([]);
  });

  it.each([
    [[], 'SEED_FILE (root): must be a JSON object with a "tenants" list'],
    [{ tenants: [], groups: [] }, 'SEED_FILE groups: unknown key (expected "tenants")'],
    [{ tenants: {} }, 'SEED_FILE tenants: must be a list of tenants'],
    [{ tenants: [{ id: 'contoso' }] }, 'SEED_FILE tenants[0].id: must be the tenant id (a GUID)'],
    [{ tenants: [{ id: TENANT }, { id: TENANT }] }, `SEED_FILE tenants[1].id: tenant ${TENANT} is listed twice`],
    [{ tenants: [{ id: TENANT, users: {} }] }, 'SEED_FILE tenants[0].users: must be a list'],
    [{ tenants: [{ id: TENANT, namedLocations: [1] }] }, "SEED_FILE tenants[0].namedLocations[0]: must be an object (the body of Graph's create call)"],
  ])('%j: %s', (json, message) => {
    expect(fails(json)).toBe(message);
  });

  it('names the property a Graph error names, after the entry path, on one line', () => {
    const e = entryError('tenants[0].users[2]', GraphErrors.invalidProperty("Invalid value specified for property 'userPrincipalName': bad\nsecond line"));
    expect(e.message).toBe(
      "SEED_FILE tenants[0].users[2].userPrincipalName: Request_BadRequest: Invalid value specified for property 'userPrincipalName': bad",
    );
    expect(entryError('tenants[0].users[2]', new Error('no property here')).message).toBe('SEED_FILE tenants[0].users[2]: no property here');
  });
});
