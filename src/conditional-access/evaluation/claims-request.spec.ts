import { parseClaimsRequest } from './claims-request.js';

describe('parseClaimsRequest', () => {
  it.each([
    [undefined, { acrs: [], xmsCc: [] }],
    ['{"access_token":{"acrs":{"essential":true,"value":"c1"}}}', { acrs: ['c1'], xmsCc: [] }],
    ['{"access_token":{"acrs":{"essential":true,"values":["c1","c2","c1"]}}}', { acrs: ['c1', 'c2'], xmsCc: [] }],
    ['{"access_token":{"xms_cc":{"values":["cp1"]}}}', { acrs: [], xmsCc: ['cp1'] }],
    ['{"id_token":{"auth_time":{"essential":true}}}', { acrs: [], xmsCc: [] }],
    ['{"access_token":{"nbf":{"essential":true,"value":"1700000000"},"xms_cc":{"values":["cp1"]}}}', { acrs: [], xmsCc: ['cp1'] }],
  ])('%s', (text, expected) => {
    expect(parseClaimsRequest(text)).toEqual(expected);
  });

  it.each([
    'not json',
    '[]',
    '"x"',
    '{"access_token":[]}',
    '{"access_token":{"acrs":{"value":1}}}',
    '{"access_token":{"acrs":{"values":"c1"}}}',
    '{"access_token":{"xms_cc":{"values":[null]}}}',
  ])('malformed: %s', (text) => {
    expect(parseClaimsRequest(text)).toBeNull();
  });
});
