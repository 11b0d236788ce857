import { startTestApp, type TestApp } from './support/app.js';
import { call } from './support/http.js';
import { delegated } from './support/tokens.js';
import { adminToken, GUID_RE, newUser, tokenOf } from './authentication-helpers.js';

describe('authentication object (seed 000, DECISIONS §3)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t?.close());

  it('the seed: POST /beta/me/authentication creates (201), then answers 200 with the same object', async () => {
    const token = delegated(t, ['UserAuthenticationMethod.ReadWrite']);
    const first = await call(t, 'POST', '/beta/me/authentication', { token, body: { '@odata.type': '#microsoft.graph.authentication' } });
    expect(first.status).toBe(201);
    expect(first.body['@odata.type']).toBe('#microsoft.graph.authentication');
    expect(first.body.id).toMatch(GUID_RE);
    expect(first.headers.get('location')).toMatch(new RegExp(`^${t.url}/beta/users/[0-9a-f-]{36}/authentication$`));
    const second = await call(t, 'POST', '/beta/me/authentication', { token, body: { '@odata.type': '#microsoft.graph.authentication' } });
    expect(second.status).toBe(200);
    expect(second.body).toEqual(first.body);
    expect(second.headers.get('location')).toBeNull();
  });
});
