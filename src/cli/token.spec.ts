import { DEFAULT_TENANT, mintOptionsFromArgs } from './token.js';

describe('npm run token arguments', () => {
  it('builds a delegated admin token request', () => {
    const parsed = mintOptionsFromArgs(['--upn', 'a@contoso.com', '--scp', 'A.Read B.Write', '--scp', 'C', '--role', 'Global Administrator']);
    expect(parsed).not.toBe('help');
    if (parsed === 'help') return;
    expect(parsed.options).toMatchObject({
      tenantId: DEFAULT_TENANT,
      kind: 'delegated',
      userPrincipalName: 'a@contoso.com',
      scopes: ['A.Read', 'B.Write', 'C'],
      directoryRoles: ['Global Administrator'],
      lifetimeSeconds: 3600,
    });
  });

  it('builds an application token request', () => {
    const parsed = mintOptionsFromArgs(['--app', '--roles', 'X.Read.All,Y.ReadWrite.All']);
    if (parsed === 'help') throw new Error('unexpected');
    expect(parsed.options.kind).toBe('application');
    expect(parsed.options.appRoles).toEqual(['X.Read.All', 'Y.ReadWrite.All']);
  });

  it('rejects bad input with a clear message', () => {
    expect(() => mintOptionsFromArgs(['--tenant', 'contoso'])).toThrow('--tenant must be a GUID');
    expect(() => mintOptionsFromArgs(['--lifetime', '999999'])).toThrow('--lifetime');
    expect(() => mintOptionsFromArgs(['--bogus'])).toThrow();
  });

  it('--help', () => {
    expect(mintOptionsFromArgs(['--help'])).toBe('help');
  });
});
