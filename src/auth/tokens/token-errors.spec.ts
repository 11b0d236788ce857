import { isPermanentTokenError, TokenErrors, tokenErrorFrom } from './token-errors.js';

describe('token errors', () => {
  it('remembers only failures that cannot pass later', () => {
    expect(isPermanentTokenError(TokenErrors.signature())).toBe(true);
    expect(isPermanentTokenError(TokenErrors.expired())).toBe(true);
    expect(isPermanentTokenError(TokenErrors.audience())).toBe(true);
    expect(isPermanentTokenError(TokenErrors.malformed())).toBe(true);
    expect(isPermanentTokenError(TokenErrors.notYetValid())).toBe(false);
    expect(isPermanentTokenError(TokenErrors.unknownKey())).toBe(false);
    expect(isPermanentTokenError(tokenErrorFrom({ name: 'NotBeforeError', message: 'jwt not active' }))).toBe(false);
  });

  it("maps jsonwebtoken's failures to Graph's messages", () => {
    expect(tokenErrorFrom({ name: 'TokenExpiredError', message: 'jwt expired' }).message).toBe('Lifetime validation failed, the token is expired.');
    expect(tokenErrorFrom({ name: 'JsonWebTokenError', message: 'jwt audience invalid. expected: x' }).message).toBe(
      'Access token validation failure. Invalid audience.',
    );
    expect(tokenErrorFrom({ name: 'JsonWebTokenError', message: 'jwt malformed' }).message).toMatch(/^CompactToken parsing failed/);
    expect(tokenErrorFrom({ name: 'JsonWebTokenError', message: 'invalid signature' }).message).toBe('Access token validation failure.');
    expect(tokenErrorFrom(new Error('No auth token')).message).toBe('Access token is empty.');
    expect(tokenErrorFrom(undefined).getStatus()).toBe(401);
  });
});
