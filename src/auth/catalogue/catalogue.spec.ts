import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DIRECTORY_ROLES } from '../directory-roles.js';
import { BUILTIN_ROLES } from './builtin-roles.js';
import { GRAPH_PERMISSIONS } from './graph-permissions.js';
import { canonicalPermission, directoryRoleId } from './index.js';

describe('permission and role catalogue', () => {
  it('knows every permission a permission table here names', () => {
    const snapshot = readFileSync(join(process.cwd(), 'test', '__snapshots__', 'permissions-snapshot.e2e-spec.ts.snap'), 'utf8');
    // An entry `A and B` (a pair Graph's tables require together) names both.
    const entries = snapshot.match(/"[A-Z][A-Za-z0-9-]+\.[A-Za-z0-9.-]+( and [A-Z][A-Za-z0-9-]+\.[A-Za-z0-9.-]+)*"/g)!;
    const named = new Set(entries.flatMap((s) => s.slice(1, -1).split(' and ')));
    expect(named.size).toBeGreaterThan(20);
    expect([...named].filter((p) => !GRAPH_PERMISSIONS.includes(p))).toEqual([]);
  });

  it('knows every role a permission table here names, with the same template id', () => {
    for (const [name, id] of Object.entries(DIRECTORY_ROLES)) expect(BUILTIN_ROLES[name]).toBe(id);
  });

  it('returns Graph spelling and refuses typos with a suggestion', () => {
    expect(canonicalPermission('user.readwrite.all', '--scp')).toBe('User.ReadWrite.All');
    expect(canonicalPermission('openid', '--scp')).toBe('openid');
    expect(() => canonicalPermission('Policy.ReadWrite.ConditionalAcess', '--scp')).toThrow(
      '--scp: "Policy.ReadWrite.ConditionalAcess" is not a Microsoft Graph permission. Did you mean "Policy.ReadWrite.ConditionalAccess"?',
    );
    expect(() => canonicalPermission('Nothing', '--roles')).toThrow(/^--roles: "Nothing" is not a Microsoft Graph permission\.$/);
  });

  it('resolves role names (any case) and template ids, refuses others with a suggestion', () => {
    expect(directoryRoleId('global administrator')).toBe('62e90394-69f5-4237-9190-012177145e10');
    expect(directoryRoleId('Groups Administrator')).toBe('fdd7a751-b60b-444a-984c-02652fe8fa1c');
    expect(directoryRoleId('F2EF992C-3AFB-46B9-B7CF-A126EE74C451')).toBe('f2ef992c-3afb-46b9-b7cf-a126ee74c451');
    expect(() => directoryRoleId('Global Admin')).toThrow('Did you mean');
    expect(() => directoryRoleId('Global Adminstrator')).toThrow('Did you mean "Global Administrator"?');
    expect(() => directoryRoleId('00000000-0000-0000-0000-000000000000')).toThrow('not a Microsoft Entra built-in role');
  });
});

describe("Microsoft Graph's service principal permissions", () => {
  it('parses every line, with the ids Graph publishes', async () => {
    const { GRAPH_PERMISSION_IDS, graphPermission, graphAppRoleById, graphScopeById } = await import('./graph-service-principal.js');
    expect(GRAPH_PERMISSION_IDS.length).toBeGreaterThan(400);
    expect(graphPermission('user.read')).toEqual({ name: 'User.Read', scopeId: 'e1fe6dd8-ba31-4d61-89e7-88639da4683d' });
    expect(graphPermission('User.Read.All')?.appRoleId).toBe('df021288-bdef-4463-88db-98f22de89214');
    expect(graphAppRoleById('1bfefb4e-e0b5-418b-a88f-73c46d2cc8e9')?.name).toBe('Application.ReadWrite.All');
    expect(graphScopeById('37f7f235-527c-4136-accd-4a02d197296e')?.name).toBe('openid');
    const names = GRAPH_PERMISSION_IDS.map((p) => p.name.toLowerCase());
    expect(new Set(names).size).toBe(names.length);
  });
});
