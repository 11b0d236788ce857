import { jest } from '@jest/globals';
import { startTestApp, type TestApp } from './support/app.js';
import { application, bearer } from './support/tokens.js';

jest.setTimeout(120_000);

const SPA = 'https://spa.example.com';
const preflight = (url: string, origin: string, method = 'PATCH', headers = 'authorization,content-type,consistencylevel,client-request-id,prefer') =>
  fetch(url, {
    method: 'OPTIONS',
    headers: { origin, 'access-control-request-method': method, 'access-control-request-headers': headers },
  });
const list = (v: string | null) => (v ?? '').split(',').map((s) => s.trim().toLowerCase());

/** Browser clients (single-page apps) calling the API from another origin. */
describe('CORS', () => {
  describe('default (CORS_ORIGINS unset): any origin, as Graph', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp();
    }, 120_000);
    afterAll(async () => t?.close(), 120_000);

    it('answers a preflight with 204, the methods and the headers Graph clients send, without a token', async () => {
      const res = await preflight(`${t.url}/v1.0/identity/conditionalAccess/authenticationContextClassReferences/c1`, SPA);
      expect(res.status).toBe(204);
      expect(await res.text()).toBe('');
      expect(res.headers.get('access-control-allow-origin')).toBe('*');
      expect(list(res.headers.get('access-control-allow-methods'))).toEqual(expect.arrayContaining(['get', 'post', 'patch', 'put', 'delete']));
      expect(list(res.headers.get('access-control-allow-headers'))).toEqual(
        expect.arrayContaining(['authorization', 'content-type', 'consistencylevel', 'client-request-id', 'prefer']),
      );
      expect(res.headers.get('access-control-allow-credentials')).toBeNull();
      expect(res.headers.get('request-id')).toMatch(/^[0-9a-f-]{36}$/);
    });

    it('lets the page read the response headers it needs, on success and on errors', async () => {
      const ok = await fetch(`${t.url}/v1.0/users`, { headers: { origin: SPA, ...bearer(application(t, ['User.Read.All'])) } });
      expect(ok.status).toBe(200);
      expect(ok.headers.get('access-control-allow-origin')).toBe('*');
      expect(list(ok.headers.get('access-control-expose-headers'))).toEqual(
        expect.arrayContaining(['request-id', 'client-request-id', 'location', 'retry-after', 'www-authenticate']),
      );
      const denied = await fetch(`${t.url}/v1.0/users`, { headers: { origin: SPA } });
      expect(denied.status).toBe(401);
      expect(denied.headers.get('access-control-allow-origin')).toBe('*');
      expect(list(denied.headers.get('access-control-expose-headers'))).toContain('www-authenticate');
    });

    it('adds nothing without an Origin, and an OPTIONS that is not a preflight stays the plain OPTIONS answer', async () => {
      const plain = await fetch(`${t.url}/v1.0/users`);
      expect(plain.headers.get('access-control-allow-origin')).toBeNull();
      const options = await fetch(`${t.url}/v1.0/users`, { method: 'OPTIONS', headers: { origin: SPA } });
      // 204 + Allow, as for any OPTIONS (docs/choices.md "HTTP layer"), without the preflight's headers.
      expect(options.status).toBe(204);
      expect(options.headers.get('allow')).toContain('GET');
      expect(options.headers.get('access-control-allow-methods')).toBeNull();
    });
  });

  describe('CORS_ORIGINS=<list>', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp({ CORS_ORIGINS: `${SPA},http://localhost:5173` });
    }, 120_000);
    afterAll(async () => t?.close(), 120_000);

    it('echoes a listed origin (with Vary: Origin) and answers its preflight', async () => {
      const res = await preflight(`${t.url}/v1.0/users`, 'http://localhost:5173', 'GET', 'authorization');
      expect(res.status).toBe(204);
      expect(res.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
      expect(list(res.headers.get('vary'))).toContain('origin');
    });

    it('gives another origin no CORS headers, so the browser refuses', async () => {
      const res = await preflight(`${t.url}/v1.0/users`, 'https://evil.example.com', 'GET', 'authorization');
      // Answered as a plain OPTIONS (204 + Allow): without the preflight's headers the browser refuses.
      expect(res.headers.get('access-control-allow-origin')).toBeNull();
      expect(res.headers.get('access-control-allow-methods')).toBeNull();
      const get = await fetch(`${t.url}/v1.0/users`, { headers: { origin: 'https://evil.example.com' } });
      expect(get.headers.get('access-control-allow-origin')).toBeNull();
      expect(list(get.headers.get('vary'))).toContain('origin');
    });
  });
});
