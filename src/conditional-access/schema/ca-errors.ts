import { GraphErrors, GraphException } from '../../graph/errors/graph.exception.js';

/**
 * The numbered `400 BadRequest` messages of Conditional Access writes (graph-spec-ca-root §1.9). Graph's own
 * numbers (1001, 1007, 1012, 1103, 1108) keep Graph's words; the 19xx numbers are ours, for failure kinds
 * Graph answers without a documented message (docs/conditional-access.md lists them). The number is part of
 * `message`, as Graph sends it.
 */
export const CA_ERROR = {
  readOnly: 1001,
  schema: 1007,
  applicationsConflict: 1012,
  nonBuiltInRoles: 1103,
  strengthWithMfa: 1108,
  // ours
  noApplicationTarget: 1901,
  noUserTarget: 1902,
  noClientAppTypes: 1903,
  noControls: 1904,
  operator: 1905,
  grantCombination: 1906,
  unknownLocation: 1907,
  unknownStrength: 1908,
  unknownContext: 1909,
  unknownTemplate: 1910,
  badIdentifier: 1911,
  signInFrequency: 1912,
  guestsCombined: 1913,
  userAction: 1914,
  filterRule: 1915,
  templateIdReadOnly: 1916,
  // named locations
  locationType: 1920,
  locationTypeChange: 1921,
  cidr: 1922,
  ipv4Prefix: 1923,
  tooManyRanges: 1924,
  tooManyLocations: 1925,
  country: 1926,
  trustedDelete: 1927,
  locationInUse: 1928,
  locationSchema: 1929,
  // authentication contexts
  contextInUse: 1930,
  contextProtectsActions: 1931,
  // authentication strengths
  builtInStrength: 1940,
  combination: 1941,
  tooManyStrengths: 1942,
  strengthInUse: 1943,
  strengthSchema: 1944,
  combinationConfiguration: 1945,
  weakeningReferenced: 1946,
} as const;

export function caError(code: number, message: string): GraphException {
  return GraphErrors.badRequest(`${code}: ${message}`);
}

const DOCS = 'https://docs.microsoft.com/en-us/graph/api/conditionalaccessroot-post-policies?view=graph-rest-1.0';

/** Graph's 1007 for any body that does not fit the type; `detail` says where (ours, after Graph's text). */
export function policySchemaError(detail?: string): GraphException {
  return caError(
    CA_ERROR.schema,
    'Incoming ConditionalAccessPolicy object is null or does not match the schema of ConditionalAccessPolicy type. ' +
      `For examples, please see API documentation at ${DOCS}.${detail ? ` (${detail})` : ''}`,
  );
}

export function readOnlyError(property: string): GraphException {
  return caError(CA_ERROR.readOnly, `'${property}' is a readonly field and cannot be updated.`);
}

/** Names the objects that still refer to something being deleted, as many as fit a message. */
export function listIds(ids: string[]): string {
  const shown = ids.slice(0, 10).join(', ');
  return ids.length > 10 ? `${shown} and ${ids.length - 10} more` : shown;
}
