import { operationIdForPath, tagOfOperation } from './operation-ids.js';

describe('operationIdForPath', () => {
  it('names the /me form of a users handler me.…', () => {
    expect(operationIdForPath('users.authentication.ListPhoneMethods', '/me/authentication/phoneMethods')).toBe('me.authentication.ListPhoneMethods');
    expect(operationIdForPath('users.authentication.ListPhoneMethods', '/users/{user}/authentication/phoneMethods')).toBe(
      'users.authentication.ListPhoneMethods',
    );
  });

  it("names each alias of a Conditional Access collection as Microsoft's description does", () => {
    expect(operationIdForPath('identity.conditionalAccess.ListPolicies', '/policies/conditionalAccessPolicies')).toBe('policies.ListConditionalAccessPolicies');
    expect(operationIdForPath('identity.conditionalAccess.GetPolicies', '/policies/conditionalAccessPolicies/{id}')).toBe(
      'policies.GetConditionalAccessPolicies',
    );
    expect(operationIdForPath('identity.conditionalAccess.policies.GetCount', '/policies/conditionalAccessPolicies/$count')).toBe(
      'policies.conditionalAccessPolicies.GetCount',
    );
    expect(operationIdForPath('identity.conditionalAccess.authenticationStrength.ListPolicies', '/policies/authenticationStrengthPolicies')).toBe(
      'policies.ListAuthenticationStrengthPolicies',
    );
    expect(
      operationIdForPath(
        'identity.conditionalAccess.authenticationStrength.policies.usage',
        '/identity/conditionalAccess/authenticationStrengths/policies/{id}/usage',
      ),
    ).toBe('identity.conditionalAccess.authenticationStrengths.policies.usage');
    // The canonical path keeps the handler's id; other handlers are untouched.
    expect(operationIdForPath('identity.conditionalAccess.ListPolicies', '/identity/conditionalAccess/policies')).toBe(
      'identity.conditionalAccess.ListPolicies',
    );
    expect(operationIdForPath('identity.conditionalAccess.ListNamedLocations', '/policies/conditionalAccessPolicies')).toBe(
      'identity.conditionalAccess.ListNamedLocations',
    );
  });

  it('groups the aliases by their own resource', () => {
    expect(tagOfOperation('policies.ListConditionalAccessPolicies')).toBe('policies.conditionalAccessPolicies');
    expect(tagOfOperation('policies.authenticationStrengthPolicies.usage')).toBe('policies.authenticationStrengthPolicies');
  });
});
