import ipaddr from 'ipaddr.js';
import { CA_ERROR, caError } from '../schema/ca-errors.js';
import { COUNTRY_CODES } from './countries.js';

type JsonObject = Record<string, unknown>;
export type LocationKind = 'ip' | 'country';

/** What a named location stores: the common columns and the derived type's own properties (document). */
export interface NamedLocationInput {
  kind: LocationKind;
  displayName: string;
  isTrusted: boolean;
  document: JsonObject;
}

export const ODATA_TYPES: Record<LocationKind, string> = {
  ip: '#microsoft.graph.ipNamedLocation',
  country: '#microsoft.graph.countryNamedLocation',
};
export const MAX_IP_RANGES = 2000;
export const MAX_LOCATIONS_PER_TENANT = 195;
const READ_ONLY = ['id', 'createdDateTime', 'modifiedDateTime', 'deletedDateTime'];
const OWN: Record<LocationKind, string[]> = {
  ip: ['ipRanges', 'isTrusted'],
  country: ['countriesAndRegions', 'includeUnknownCountriesAndRegions', 'countryLookupMethod'],
};
const LOOKUP_METHODS = ['clientIpAddress', 'authenticatorAppGps'];

const schema = (m: string) => caError(CA_ERROR.locationSchema, m);

export function kindOf(odataType: unknown): LocationKind | undefined {
  return (Object.keys(ODATA_TYPES) as LocationKind[]).find((k) => ODATA_TYPES[k] === odataType);
}

/** A create body (graph-spec-ca-root §2.3): `@odata.type` picks the derived type and is required. */
export function parseLocationCreate(body: unknown): NamedLocationInput {
  const obj = object(body);
  const kind = kindOf(obj['@odata.type']);
  if (!kind) {
    throw caError(CA_ERROR.locationType, "'@odata.type' is required: '#microsoft.graph.ipNamedLocation' or '#microsoft.graph.countryNamedLocation'.");
  }
  return build(kind, obj);
}

/**
 * PATCH (graph-spec-ca-root §2.3): the body carries the stored `@odata.type` (the type never changes);
 * sent properties replace stored ones (`ipRanges` as a whole), the result is validated like a create.
 */
export function parseLocationPatch(stored: NamedLocationInput, body: unknown): NamedLocationInput {
  const obj = object(body);
  const declared = obj['@odata.type'];
  if (declared !== undefined && declared !== ODATA_TYPES[stored.kind]) {
    throw caError(CA_ERROR.locationTypeChange, `The type of a named location cannot change: this one is '${ODATA_TYPES[stored.kind]}'.`);
  }
  const merged: JsonObject = { displayName: stored.displayName, ...stored.document, ...obj };
  if (stored.kind === 'ip' && obj.isTrusted === undefined) merged.isTrusted = stored.isTrusted;
  return build(stored.kind, merged);
}

function build(kind: LocationKind, obj: JsonObject): NamedLocationInput {
  for (const key of Object.keys(obj)) {
    if (key !== '@odata.type' && key !== 'displayName' && !OWN[kind].includes(key)) {
      throw schema(`A ${ODATA_TYPES[kind].slice(16)} has no writable property '${key}'.`);
    }
  }
  const displayName = obj.displayName;
  if (typeof displayName !== 'string' || displayName.trim() === '' || displayName.length > 256 || displayName.includes('\u0000')) {
    throw schema("'displayName' is required: a non-empty string of at most 256 characters.");
  }
  if (kind === 'ip') {
    // Omitted means false; `null` is refused (non-nullable in Graph's metadata).
    const isTrusted = obj.isTrusted === undefined ? false : obj.isTrusted;
    if (typeof isTrusted !== 'boolean') throw schema("'isTrusted' must be a boolean.");
    return { kind, displayName, isTrusted, document: { ipRanges: parseIpRanges(obj.ipRanges) } };
  }
  const unknown = obj.includeUnknownCountriesAndRegions === undefined ? false : obj.includeUnknownCountriesAndRegions;
  if (typeof unknown !== 'boolean') throw schema("'includeUnknownCountriesAndRegions' must be a boolean.");
  const method = obj.countryLookupMethod ?? 'clientIpAddress';
  if (typeof method !== 'string' || !LOOKUP_METHODS.includes(method)) {
    throw schema(`'countryLookupMethod' must be one of ${LOOKUP_METHODS.join(', ')}.`);
  }
  return {
    kind,
    displayName,
    isTrusted: false,
    document: {
      countriesAndRegions: parseCountries(obj.countriesAndRegions),
      includeUnknownCountriesAndRegions: unknown,
      countryLookupMethod: method,
    },
  };
}

/**
 * Each range is CIDR of its declared family (ipaddr.js parses; any RFC 4291/5952 IPv6 text). IPv4 prefixes
 * /9–/32 (ENTRA: "only CIDR masks greater than /8"); IPv6 /1–/128 (ours). Host bits are kept as sent (§2.3 ⚠).
 * Both versions' metadata also have iPv4Range/iPv6Range (lowerAddress/upperAddress).
 */
export function parseIpRanges(value: unknown): JsonObject[] {
  if (!Array.isArray(value) || value.length === 0) {
    throw caError(CA_ERROR.cidr, "'ipRanges' must be a non-empty array of IP ranges.");
  }
  if (value.length > MAX_IP_RANGES) {
    throw caError(CA_ERROR.tooManyRanges, `A named location can have at most ${MAX_IP_RANGES} IP ranges; this one has ${value.length}.`);
  }
  return value.map(parseIpRange);
}

function parseIpRange(r: unknown): JsonObject {
  if (typeof r !== 'object' || r === null || Array.isArray(r)) throw caError(CA_ERROR.cidr, 'Each IP range must be an object.');
  const o = r as JsonObject;
  const type = o['@odata.type'];
  const family =
    type === '#microsoft.graph.iPv4CidrRange' || type === '#microsoft.graph.iPv4Range'
      ? 'ipv4'
      : type === '#microsoft.graph.iPv6CidrRange' || type === '#microsoft.graph.iPv6Range'
        ? 'ipv6'
        : undefined;
  const isRange = typeof type === 'string' && type.endsWith('Range') && !type.endsWith('CidrRange');
  if (!family) {
    throw caError(CA_ERROR.cidr, "Each IP range needs '@odata.type' '#microsoft.graph.iPv4CidrRange' or '#microsoft.graph.iPv6CidrRange'.");
  }
  const keys = Object.keys(o).filter((k) => k !== '@odata.type');
  const expected = isRange ? ['lowerAddress', 'upperAddress'] : ['cidrAddress'];
  if (keys.some((k) => !expected.includes(k))) throw caError(CA_ERROR.cidr, `An ${String(type).slice(16)} has only ${expected.join(', ')}.`);
  if (isRange) {
    const lower = address(o.lowerAddress, family);
    const upper = address(o.upperAddress, family);
    const cmp = compareBytes(lower.toByteArray(), upper.toByteArray());
    if (cmp > 0) throw caError(CA_ERROR.cidr, "'lowerAddress' must not be above 'upperAddress'.");
    return { '@odata.type': type, lowerAddress: o.lowerAddress, upperAddress: o.upperAddress };
  }
  const cidr = o.cidrAddress;
  if (typeof cidr !== 'string' || !cidr.includes('/')) throw caError(CA_ERROR.cidr, `'${String(cidr)}' is not CIDR notation (address/prefix).`);
  let parsed: [ipaddr.IPv4 | ipaddr.IPv6, number];
  try {
    parsed = ipaddr.parseCIDR(cidr);
  } catch {
    throw caError(CA_ERROR.cidr, `'${cidr}' is not valid CIDR notation.`);
  }
  const [addr, prefix] = parsed;
  if (addr.kind() !== family || (family === 'ipv4' && !ipaddr.IPv4.isValidFourPartDecimal(cidr.split('/')[0]))) {
    throw caError(CA_ERROR.cidr, `'${cidr}' is not an ${family === 'ipv4' ? 'IPv4' : 'IPv6'} CIDR range.`);
  }
  if (family === 'ipv4' && (prefix < 9 || prefix > 32)) {
    throw caError(CA_ERROR.ipv4Prefix, `'${cidr}': IPv4 prefixes must be between /9 and /32.`);
  }
  if (family === 'ipv6' && prefix < 1) throw caError(CA_ERROR.cidr, `'${cidr}': IPv6 prefixes must be between /1 and /128.`);
  return { '@odata.type': type, cidrAddress: cidr };
}

function address(v: unknown, family: 'ipv4' | 'ipv6') {
  if (typeof v !== 'string' || !ipaddr.isValid(v) || ipaddr.parse(v).kind() !== family) {
    throw caError(CA_ERROR.cidr, `'${String(v)}' is not an ${family === 'ipv4' ? 'IPv4' : 'IPv6'} address.`);
  }
  return ipaddr.parse(v);
}

function compareBytes(a: number[], b: number[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return 0;
}

/** Two-letter ISO 3166 codes, upper-cased (graph-spec-ca-root §2.3), without duplicates. */
export function parseCountries(value: unknown): string[] {
  if (!Array.isArray(value) || value.length === 0) {
    throw caError(CA_ERROR.country, "'countriesAndRegions' must be a non-empty array of two-letter ISO 3166 codes.");
  }
  const out = value.map((c) => {
    const code = typeof c === 'string' ? c.trim().toUpperCase() : '';
    if (!COUNTRY_CODES.has(code)) throw caError(CA_ERROR.country, `'${String(c)}' is not a two-letter ISO 3166 country or region code.`);
    return code;
  });
  return [...new Set(out)];
}

function object(body: unknown): JsonObject {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw schema('The body must be a JSON object.');
  const obj = body as JsonObject;
  for (const key of READ_ONLY) if (key in obj) throw caError(CA_ERROR.readOnly, `'${key}' is a readonly field and cannot be updated.`);
  return obj;
}
