import { DEFAULT_TENANT, mintOptionsFromArgs } from './token.js';

describe('npm run token arguments', () => {
  it('builds a delegated admin token request', () => {
    const parsed = mintOptionsFromArgs(['--upn', 'a@contoso.com', '--scp', 'user.read Policy.Read.All', '--scp', 'openid', '--role', 'Global Administrator']);
    expect(parsed).not.toBe('help');
    if (parsed === 'help') return;
    expect(parsed.options).toMatchObject({
      tenantId: DEFAULT_TENANT,
      kind: 'delegated',
      userPrincipalName: 'a@contoso.com',
      scopes: ['User.Read', 'Policy.Read.All', 'openid'],
      directoryRoles: ['62e90394-69f5-4237-9190-012177145e10'],
      lifetimeSeconds: 3600,
    });
  });

  it('builds an application token request', () => {
    const parsed = mintOptionsFromArgs(['--app', '--roles', 'User.Read.All,UserAuthenticationMethod.ReadWrite.All']);
    if (parsed === 'help') throw new Error('unexpected');
    expect(parsed.options.kind).toBe('application');
    expect(parsed.options.appRoles).toEqual(['User.Read.All', 'UserAuthenticationMethod.ReadWrite.All']);
  });

  it('rejects bad input with a clear message', () => {
    expect(() => mintOptionsFromArgs(['--tenant', 'contoso'])).toThrow('--tenant must be a GUID');
    expect(() => mintOptionsFromArgs(['--lifetime', '999999'])).toThrow('--lifetime');
    expect(() => mintOptionsFromArgs(['--bogus'])).toThrow();
    expect(() => mintOptionsFromArgs(['--oid', 'x'])).toThrow('--oid must be a GUID');
  });

  it('refuses permission and role names Graph does not have, suggesting the nearest', () => {
    expect(() => mintOptionsFromArgs(['--scp', 'User.Read Policy.ReadWrite.ConditionalAcess'])).toThrow('Did you mean "Policy.ReadWrite.ConditionalAccess"?');
    expect(() => mintOptionsFromArgs(['--app', '--roles', 'User.Raed.All'])).toThrow('--roles: "User.Raed.All"');
    expect(() => mintOptionsFromArgs(['--role', 'Global Adminstrator'])).toThrow('Did you mean "Global Administrator"?');
  });

  it('--help', () => {
    expect(mintOptionsFromArgs(['--help'])).toBe('help');
  });
});
