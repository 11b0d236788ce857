import { GraphException } from '../../graph/errors/graph.exception.js';
import { COUNTRY_CODES } from './countries.js';
import { MAX_IP_RANGES, parseLocationCreate, parseLocationPatch } from './named-location-rules.js';

const IP = '#microsoft.graph.ipNamedLocation';
const COUNTRY = '#microsoft.graph.countryNamedLocation';
const v4 = (cidrAddress: string) => ({ '@odata.type': '#microsoft.graph.iPv4CidrRange', cidrAddress });
const v6 = (cidrAddress: string) => ({ '@odata.type': '#microsoft.graph.iPv6CidrRange', cidrAddress });
const ip = (ipRanges: unknown[], extra: Record<string, unknown> = {}) => ({ '@odata.type': IP, displayName: 'Office', ipRanges, ...extra });

function message(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof GraphException) {
      expect(e.getStatus()).toBe(400);
      return e.message;
    }
    throw e;
  }
  throw new Error('expected a 400');
}

describe('named location validation (graph-spec-ca-root §2.3)', () => {
  it('accepts the documented example, host bits and all, and defaults isTrusted to false', () => {
    const loc = parseLocationCreate(ip([v4('12.34.221.11/22'), v6('2001:0:9d38:90d6:0:0:0:0/63')]));
    expect(loc).toEqual({
      kind: 'ip',
      displayName: 'Office',
      isTrusted: false,
      document: { ipRanges: [v4('12.34.221.11/22'), v6('2001:0:9d38:90d6:0:0:0:0/63')] },
    });
  });

  it.each([
    ['no @odata.type', { displayName: 'x', ipRanges: [v4('1.2.3.4/32')] }, /^1920: /],
    ['the base type', { '@odata.type': '#microsoft.graph.namedLocation', displayName: 'x' }, /^1920: /],
    ['a read-only id', { ...ip([v4('1.2.3.4/32')]), id: 'x' }, /^1001: /],
    ['no displayName', { '@odata.type': IP, ipRanges: [v4('1.2.3.4/32')] }, /^1929: /],
    ['isTrusted on a country location', { '@odata.type': COUNTRY, displayName: 'x', countriesAndRegions: ['US'], isTrusted: true }, /^1929: /],
    ['no ranges', ip([]), /^1922: /],
    ['a range without type', ip([{ cidrAddress: '1.2.3.4/32' }]), /^1922: /],
    ['no prefix', ip([v4('1.2.3.4')]), /^1922: /],
    ['a bad address', ip([v4('1.2.3.400/24')]), /^1922: /],
    ['a short IPv4 form', ip([v4('10.1/16')]), /^1922: /],
    ['an IPv6 address as IPv4', ip([v4('2001:db8::/32')]), /^1922: /],
    ['an IPv4 address as IPv6', ip([v6('10.0.0.0/16')]), /^1922: /],
    ['/8', ip([v4('10.0.0.0/8')]), /^1923: .*IPv4 prefixes must be between \/9 and \/32/],
    ['/33', ip([v4('10.0.0.0/33')]), /^1922: /],
    ['IPv6 /0', ip([v6('::/0')]), /^1922: /],
    ['a lower above the upper address', ip([{ '@odata.type': '#microsoft.graph.iPv4Range', lowerAddress: '10.0.0.9', upperAddress: '10.0.0.1' }]), /^1922: /],
    ['an empty country list', { '@odata.type': COUNTRY, displayName: 'x', countriesAndRegions: [] }, /^1926: /],
    ['a three-letter code', { '@odata.type': COUNTRY, displayName: 'x', countriesAndRegions: ['USA'] }, /^1926: /],
    ['a grouping code', { '@odata.type': COUNTRY, displayName: 'x', countriesAndRegions: ['EU'] }, /^1926: /],
    ['a null isTrusted (never null in Graph)', ip([v4('1.2.3.4/32')], { isTrusted: null }), /^1929: /],
    [
      'a null includeUnknownCountriesAndRegions',
      { '@odata.type': COUNTRY, displayName: 'x', countriesAndRegions: ['US'], includeUnknownCountriesAndRegions: null },
      /^1929: /,
    ],
    ['a bad lookup method', { '@odata.type': COUNTRY, displayName: 'x', countriesAndRegions: ['US'], countryLookupMethod: 'unknownFutureValue' }, /^1929: /],
  ])('refuses %s', (_name, body, expected) => {
    expect(message(() => parseLocationCreate(body))).toMatch(expected);
  });

  it('allows /9 to /32 and up to 2,000 ranges, not one more', () => {
    expect(() => parseLocationCreate(ip([v4('10.0.0.0/9'), v4('10.0.0.1/32'), v6('2001:db8::/128')]))).not.toThrow();
    const many = Array.from({ length: MAX_IP_RANGES }, (_, i) => v4(`10.${i >> 8}.${i & 255}.0/24`));
    expect(() => parseLocationCreate(ip(many))).not.toThrow();
    expect(message(() => parseLocationCreate(ip([...many, v4('11.0.0.0/24')])))).toMatch(/^1924: /);
  });

  it('normalises country codes to upper case, keeps XK, and fills the defaults', () => {
    const loc = parseLocationCreate({ '@odata.type': COUNTRY, displayName: 'x', countriesAndRegions: ['us', 'XK', 'US'] });
    expect(loc.document).toEqual({ countriesAndRegions: ['US', 'XK'], includeUnknownCountriesAndRegions: false, countryLookupMethod: 'clientIpAddress' });
  });

  it('knows the 249 ISO 3166-1 alpha-2 codes plus XK', () => {
    expect(COUNTRY_CODES.size).toBe(250);
    for (const code of ['US', 'GB', 'CA', 'XK', 'AQ', 'SS']) expect(COUNTRY_CODES.has(code)).toBe(true);
    for (const code of ['UK', 'EU', 'ZZ', 'AN', 'AC']) expect(COUNTRY_CODES.has(code)).toBe(false);
  });

  it('PATCH keeps the type, replaces ipRanges as a whole and keeps unsent properties', () => {
    const stored = parseLocationCreate(ip([v4('1.2.3.0/24'), v4('5.6.7.0/24')], { isTrusted: true }));
    const patched = parseLocationPatch(stored, { '@odata.type': IP, ipRanges: [v4('9.9.9.0/24')] });
    expect(patched).toMatchObject({ displayName: 'Office', isTrusted: true, document: { ipRanges: [v4('9.9.9.0/24')] } });
    expect(message(() => parseLocationPatch(stored, { '@odata.type': COUNTRY, countriesAndRegions: ['US'] }))).toMatch(/^1921: /);
    expect(message(() => parseLocationPatch(stored, { countriesAndRegions: ['US'] }))).toMatch(/^1929: /);
    expect(message(() => parseLocationPatch(stored, { ipRanges: [v4('10.0.0.0/8')] }))).toMatch(/^1923: /);
  });
});
