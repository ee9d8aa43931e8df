import { BearerToken, bearerTokenOf } from './bearer-token.js';

describe('BearerToken', () => {
  const token = new BearerToken('api-token-0123456789');

  it('matches only the same token', () => {
    expect(token.matches('api-token-0123456789')).toBe(true);
    expect(token.matches('api-token-012345678')).toBe(false);
    expect(token.matches('api-token-0123456789x')).toBe(false);
    expect(token.matches('')).toBe(false);
    expect(token.matches(undefined)).toBe(false);
  });
});

describe('bearerTokenOf', () => {
  it('reads the token of a Bearer Authorization header', () => {
    expect(bearerTokenOf('Bearer abc.def')).toBe('abc.def');
    expect(bearerTokenOf('bearer   abc')).toBe('abc');
  });

  it('gives nothing for another scheme, a missing token or no header', () => {
    expect(bearerTokenOf('Basic YWxhZGRpbjpvcGVuc2VzYW1l')).toBeUndefined();
    expect(bearerTokenOf('Bearer')).toBeUndefined();
    expect(bearerTokenOf('Bearer a b')).toBeUndefined();
    expect(bearerTokenOf(undefined)).toBeUndefined();
    expect(bearerTokenOf(['Bearer a', 'Bearer b'])).toBeUndefined();
  });
});
