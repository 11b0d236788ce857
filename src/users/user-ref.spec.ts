import { alternateKeyValue } from './user-ref.js';

describe("alternate key users(userPrincipalName='…')", () => {
  it.each([
    ["'a@b.com')", 'a@b.com'],
    ["'o''neil@b.com')", "o'neil@b.com"],
    ["'')", ''],
  ])('%s → %s', (param, key) => expect(alternateKeyValue(param)).toBe(key));

  it.each([['a@b.com)'], ["'a@b.com'"], ["'a'b')"], ["'a@b.com')x"]])('%s is not a quoted key', (param) => expect(alternateKeyValue(param)).toBeUndefined());
});
