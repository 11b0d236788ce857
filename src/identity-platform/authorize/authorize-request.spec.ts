import { registeredPlatform } from './authorize-request.js';

const app = (web: string[], spa: string[] = [], publicClient: string[] = []) => ({
  web: { redirectUris: web },
  spaRedirectUris: spa,
  publicClientRedirectUris: publicClient,
});

describe('registeredPlatform', () => {
  it('matches a registered URI exactly, per platform', () => {
    const a = app(['https://app.example/cb'], ['https://spa.example/'], ['msal://redirect']);
    expect(registeredPlatform(a, 'https://app.example/cb')).toBe('web');
    expect(registeredPlatform(a, 'https://spa.example/')).toBe('spa');
    expect(registeredPlatform(a, 'msal://redirect')).toBe('publicClient');
    expect(registeredPlatform(a, 'https://app.example/cb/')).toBeUndefined();
    expect(registeredPlatform(a, 'https://APP.example/cb')).toBeUndefined();
  });

  it("ignores only the port of a localhost or 127.0.0.1 URI (Entra's localhost exceptions)", () => {
    const a = app([], [], ['http://localhost/MyApp', 'http://127.0.0.1']);
    expect(registeredPlatform(a, 'http://localhost:53123/MyApp')).toBe('publicClient');
    expect(registeredPlatform(a, 'http://localhost/MyApp')).toBe('publicClient');
    expect(registeredPlatform(a, 'http://127.0.0.1:8400/')).toBe('publicClient');
    expect(registeredPlatform(a, 'http://localhost:53123/myapp')).toBeUndefined(); // the path stays exact
    expect(registeredPlatform(a, 'https://localhost:53123/MyApp')).toBeUndefined(); // and the scheme
    expect(registeredPlatform(a, 'http://127.0.0.1:53123/MyApp')).toBeUndefined(); // localhost is not 127.0.0.1
    expect(registeredPlatform(a, 'http://localhost:53123/MyApp?x=1')).toBeUndefined();
    expect(registeredPlatform(app(['https://app.example/cb']), 'https://app.example:444/cb')).toBeUndefined(); // other hosts: exact
  });

  it('prefers an exact match on any platform over a port-only match', () => {
    expect(registeredPlatform(app(['http://localhost:3000/'], [], ['http://localhost:4000/']), 'http://localhost:4000/')).toBe('publicClient');
    expect(registeredPlatform(app(['http://localhost:3000/'], [], ['http://localhost:4000/']), 'http://localhost:5000/')).toBe('web');
  });
});
