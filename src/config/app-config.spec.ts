import { ConfigError, loadConfig } from './app-config.js';

describe('loadConfig', () => {
  it('applies defaults', () => {
    const c = loadConfig({});
    expect(c.port).toBe(3000);
    expect(c.dataDir).toBe('./.data');
    expect(c.databaseUrl).toBeUndefined();
    expect(c.auth.audiences).toEqual(['https://graph.microsoft.com', '00000003-0000-0000-c000-000000000000']);
  });

  it('names every bad value in one line', () => {
    expect(() => loadConfig({ PORT: 'abc', DATABASE_URL: 'nope' })).toThrow(ConfigError);
    try {
      loadConfig({ PORT: 'abc', DATABASE_URL: 'nope' });
    } catch (e) {
      const msg = (e as Error).message;
      expect(msg).toContain('PORT');
      expect(msg).toContain('DATABASE_URL');
      expect(msg).not.toContain('\n');
    }
  });

  it('treats empty strings as unset and trims the public base URL', () => {
    const c = loadConfig({ PORT: '', PUBLIC_BASE_URL: 'https://graph.example.test/' });
    expect(c.port).toBe(3000);
    expect(c.publicBaseUrl).toBe('https://graph.example.test');
  });

  it('reads CORS_ORIGINS: any origin by default, a list, none; refuses paths and non-URLs', () => {
    expect(loadConfig({}).corsOrigins).toBe('*');
    expect(loadConfig({ CORS_ORIGINS: 'https://app.example.com, http://localhost:5173' }).corsOrigins).toEqual([
      'https://app.example.com',
      'http://localhost:5173',
    ]);
    expect(loadConfig({ CORS_ORIGINS: 'none' }).corsOrigins).toEqual([]);
    expect(() => loadConfig({ CORS_ORIGINS: 'https://app.example.com/' })).toThrow(/CORS_ORIGINS/);
    expect(() => loadConfig({ CORS_ORIGINS: 'app.example.com' })).toThrow(/CORS_ORIGINS/);
  });

  it('bounds slow clients: headers within the whole-request timeout', () => {
    expect(loadConfig({}).http).toEqual({ headersTimeoutMs: 30_000, requestTimeoutMs: 120_000 });
    expect(() => loadConfig({ HTTP_HEADERS_TIMEOUT_MS: '5000', HTTP_REQUEST_TIMEOUT_MS: '1000' })).toThrow(/HTTP_HEADERS_TIMEOUT_MS/);
  });

  it('requires TLS files together', () => {
    expect(() => loadConfig({ TLS_CERT_FILE: 'a.pem' })).toThrow(/TLS_CERT_FILE and TLS_KEY_FILE/);
  });
});
