import { claimsFor, userObjectId } from './mint-options.js';

const T = '72f988bf-86f1-41af-91ab-2d7cd011db47';

describe('development token claims', () => {
  it('gives one user one object id: a UUID v5 of tenant and UPN, case-insensitive', () => {
    const oid = userObjectId(T, 'Ada@Contoso.com');
    expect(oid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(userObjectId(T.toUpperCase(), 'ada@contoso.com')).toBe(oid);
    expect(userObjectId(T, 'bob@contoso.com')).not.toBe(oid);
    expect(userObjectId('11111111-1111-4111-8111-111111111111', 'ada@contoso.com')).not.toBe(oid);
  });

  it('turns any built-in role name into its template id', () => {
    const claims = claimsFor({ tenantId: T, kind: 'delegated', directoryRoles: ['Groups Administrator', 'Global Reader'] });
    expect(claims.wids).toEqual(['fdd7a751-b60b-444a-984c-02652fe8fa1c', 'f2ef992c-3afb-46b9-b7cf-a126ee74c451']);
  });
});
