import { jest } from '@jest/globals';
import { startTestApp, type TestApp } from './support/app.js';
import { CA, countryLocationBody, create, freshTenant, policyBody } from './support/conditional-access.js';
import { call } from './support/http.js';

jest.setTimeout(120_000);

/**
 * Every write route of the Conditional Access root, sent bodies that are not what it expects: each answer is
 * a Graph 4xx (never a 500) and the target is unchanged.
 */
describe('Conditional Access root: malformed bodies on every write route', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  }, 120_000);
  afterAll(() => t?.close(), 120_000);

  const BODIES: [string, string][] = [
    ['null', 'null'],
    ['an array', '[]'],
    ['a string', '"x"'],
    ['a number', '1'],
    ['not JSON', '{"displayName":'],
    ['deep nesting', `${'{"conditions":'.repeat(200)}{}${'}'.repeat(200)}`],
    [
      'wrong types everywhere',
      JSON.stringify({
        displayName: 1,
        state: [],
        conditions: 'all',
        grantControls: 7,
        ipRanges: {},
        allowedCombinations: 'sms',
        countriesAndRegions: 'US',
        '@odata.type': 5,
      }),
    ],
  ];

  it.each(BODIES)('%s', async (_name, raw) => {
    const token = freshTenant(t);
    const policy = await create(t, token, `/v1.0${CA}/policies`, policyBody());
    const location = await create(t, token, `/v1.0${CA}/namedLocations`, countryLocationBody());
    const strength = await create(t, token, `/v1.0${CA}/authenticationStrength/policies`, { displayName: 'S', allowedCombinations: ['fido2'] });
    const snapshot = async () =>
      Promise.all(
        [`policies/${policy}`, `namedLocations/${location}`, `authenticationStrength/policies/${strength}`].map(
          async (p) => (await call(t, 'GET', `/beta${CA}/${p}`, { token })).body,
        ),
      );
    const before = await snapshot();
    const routes: [string, string][] = [
      ['POST', 'policies'],
      ['PATCH', `policies/${policy}`],
      ['POST', 'namedLocations'],
      ['PATCH', `namedLocations/${location}`],
      ['POST', 'authenticationStrength/policies'],
      ['PATCH', `authenticationStrength/policies/${strength}`],
      ['POST', `authenticationStrength/policies/${strength}/updateAllowedCombinations`],
      ['POST', `authenticationStrength/policies/${strength}/combinationConfigurations`],
    ];
    for (const [method, path] of routes) {
      for (const v of ['v1.0', 'beta']) {
        const res = await call(t, method, `/${v}${CA}/${path}`, { token, body: raw, headers: { 'content-type': 'application/json' } });
        expect({ method, path, v, status: res.status >= 400 && res.status < 500, code: typeof res.body?.error?.code }).toEqual({
          method,
          path,
          v,
          status: true,
          code: 'string',
        });
      }
    }
    expect(await snapshot()).toEqual(before);
    const counts = await Promise.all(['policies', 'namedLocations'].map(async (p) => (await call(t, 'GET', `/v1.0${CA}/${p}/$count`, { token })).body));
    expect(counts).toEqual([1, 1]);
  });
});
