import { randomUUID } from 'node:crypto';
import { CA_ERROR, caError } from '../schema/ca-errors.js';
import { DocumentSchema } from '../schema/document-schema.js';
import { ALL_COMBINATIONS, EVOLVABLE_COMBINATIONS, MFA_COMBINATIONS } from './authentication-strengths.data.js';
import { GUID_PATTERN as GUID } from '../../graph/odata/literals.js';

type JsonObject = Record<string, unknown>;
const MODES = DocumentSchema.of('v1.0').enumDef('authenticationMethodModes')!.members;
const READ_ONLY = ['id', 'policyType', 'requirementsSatisfied', 'createdDateTime', 'modifiedDateTime'];
const SKI = /^[0-9a-f]{2,128}$/i;
const OID = /^[0-2](\.(0|[1-9][0-9]*))+$/;

export interface StrengthInput {
  displayName: string;
  description: string | null;
  allowedCombinations: string[];
  combinationConfigurations: JsonObject[];
}

const schemaError = (m: string) => caError(CA_ERROR.strengthSchema, m);

/** One combination in canonical form ("password, sms" → "password,sms"); 1941 when it is not a valid combination. */
export function canonicalCombination(value: unknown): string {
  if (typeof value !== 'string') throw caError(CA_ERROR.combination, 'Each allowed combination must be a string.');
  const parts = value.split(',').map((s) => s.trim());
  if (parts.some((p) => !MODES.includes(p) || p === 'unknownFutureValue')) {
    throw caError(CA_ERROR.combination, `'${value.trim()}' is not a valid authentication method combination.`);
  }
  const canonical = [...new Set(parts)].sort((a, b) => MODES.indexOf(a) - MODES.indexOf(b)).join(',');
  if (!ALL_COMBINATIONS.includes(canonical) && !EVOLVABLE_COMBINATIONS.includes(canonical)) {
    throw caError(
      CA_ERROR.combination,
      `'${value.trim()}' is not an allowed combination; GET /identity/conditionalAccess/authenticationStrength/combinations lists them.`,
    );
  }
  return canonical;
}

export function canonicalCombinations(value: unknown): string[] {
  if (!Array.isArray(value) || value.length === 0) {
    throw caError(CA_ERROR.combination, "'allowedCombinations' must be a non-empty array of combinations.");
  }
  return [...new Set(value.map(canonicalCombination))];
}

/** `mfa` when every combination is multifactor (the built-ins, and the docs' create example). */
export function requirementsSatisfied(combinations: readonly string[]): 'mfa' | 'none' {
  return combinations.every((c) => MFA_COMBINATIONS.includes(c)) ? 'mfa' : 'none';
}

/** A create body (graph-spec-ca-root §3.3–3.4). */
export function parseStrengthCreate(body: unknown): StrengthInput {
  const obj = object(body);
  checkKeys(obj, ['displayName', 'description', 'allowedCombinations', 'combinationConfigurations']);
  const allowedCombinations = canonicalCombinations(obj.allowedCombinations);
  // Omitted means none; `null` is refused (a collection is never null).
  const configs = obj.combinationConfigurations === undefined ? [] : obj.combinationConfigurations;
  if (!Array.isArray(configs)) throw schemaError("'combinationConfigurations' must be an array.");
  return {
    displayName: displayName(obj.displayName, true)!,
    description: description(obj.description) ?? null,
    allowedCombinations,
    combinationConfigurations: configs.map((c) => parseCombinationConfiguration(c, allowedCombinations)),
  };
}

/** PATCH: only `displayName` and `description`; combinations change through updateAllowedCombinations. */
export function parseStrengthPatch(body: unknown): { displayName?: string; description?: string | null } {
  const obj = object(body);
  if ('allowedCombinations' in obj) {
    throw caError(CA_ERROR.combination, "'allowedCombinations' cannot be updated here; use the updateAllowedCombinations action.");
  }
  if ('combinationConfigurations' in obj) {
    throw schemaError("'combinationConfigurations' is changed through its own collection.");
  }
  checkKeys(obj, ['displayName', 'description']);
  return {
    ...(obj.displayName !== undefined ? { displayName: displayName(obj.displayName, true)! } : {}),
    ...(obj.description !== undefined ? { description: description(obj.description) ?? null } : {}),
  };
}

/** A combination configuration (FIDO2 AAGUIDs or x509 issuers/OIDs), checked against the strength's combinations. */
export function parseCombinationConfiguration(body: unknown, allowed: readonly string[], id?: string): JsonObject {
  const fail = (m: string) => caError(CA_ERROR.combinationConfiguration, m);
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw fail('A combination configuration must be a JSON object.');
  const obj = body as JsonObject;
  const type = String(obj['@odata.type'] ?? '').replace(/^#?microsoft\.graph\./, '');
  const fido = type === 'fido2CombinationConfiguration';
  const x509 = type === 'x509CertificateCombinationConfiguration';
  if (!fido && !x509) {
    throw fail(
      "A combination configuration needs '@odata.type' #microsoft.graph.fido2CombinationConfiguration or #microsoft.graph.x509CertificateCombinationConfiguration.",
    );
  }
  const own = fido ? ['allowedAAGUIDs'] : ['allowedIssuerSkis', 'allowedPolicyOIDs'];
  for (const key of Object.keys(obj)) {
    if (key !== '@odata.type' && key !== 'appliesToCombinations' && !own.includes(key) && !(key === 'id' && obj.id === id)) {
      throw fail(`A ${type} has no writable property '${key}'.`);
    }
  }
  const applies = canonicalCombinations(obj.appliesToCombinations);
  const target = fido ? ['fido2'] : ['x509CertificateSingleFactor', 'x509CertificateMultiFactor'];
  const outside = applies.filter((c) => !target.includes(c) || !allowed.includes(c));
  if (outside.length) {
    throw fail(`'appliesToCombinations' must be among the strength's combinations for this method: ${outside.join(', ')}.`);
  }
  const list = (key: string, pattern: RegExp, max: number) => {
    const v = obj[key] === undefined ? [] : obj[key];
    if (!Array.isArray(v) || v.some((x) => typeof x !== 'string' || !pattern.test(x)) || v.length > max) {
      throw fail(`'${key}' must be an array of at most ${max} well-formed values.`);
    }
    return v as string[];
  };
  const common = { '@odata.type': `#microsoft.graph.${type}`, id: id ?? randomUUID(), appliesToCombinations: applies };
  return fido
    ? { ...common, allowedAAGUIDs: list('allowedAAGUIDs', GUID, 1000).map((g) => g.toLowerCase()) }
    : { ...common, allowedIssuerSkis: list('allowedIssuerSkis', SKI, 5), allowedPolicyOIDs: list('allowedPolicyOIDs', OID, 5) };
}

/** The `updateAllowedCombinationsResult` (graph-spec-ca-root §3.5), or 1946 for mfa → none under an MFA policy. */
export function allowedCombinationsResult(
  previous: readonly string[],
  current: readonly string[],
  referencingPolicyIds: string[],
  mfaPolicyIds: string[],
): JsonObject {
  const weakened = current.some((c) => !previous.includes(c));
  const dropsMfa = requirementsSatisfied(previous) === 'mfa' && requirementsSatisfied(current) === 'none';
  if (dropsMfa && mfaPolicyIds.length) {
    throw caError(
      CA_ERROR.weakeningReferenced,
      `The strength is used as multifactor authentication by Conditional Access policies ${mfaPolicyIds.join(', ')}; ` +
        'it cannot be changed to allow single-factor combinations.',
    );
  }
  return {
    previousCombinations: [...previous],
    currentCombinations: [...current],
    conditionalAccessReferences: referencingPolicyIds,
    additionalInformation:
      weakened && referencingPolicyIds.length
        ? 'The new combinations lower the security of this authentication strength, which Conditional Access policies reference.'
        : null,
  };
}

/**
 * `usage` buckets (graph-spec-ca-root §3.6, ours): a policy lands in `mfa` when its grant demands the
 * strength under AND with other controls or the strength itself satisfies MFA; otherwise `none`.
 */
export function usageBucket(strengthCombinations: readonly string[], grant: JsonObject | null): 'mfa' | 'none' {
  return requirementsSatisfied(strengthCombinations) === 'mfa' ? 'mfa' : grant?.operator === 'AND' ? 'mfa' : 'none';
}

function object(body: unknown): JsonObject {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw schemaError('The body must be a JSON object.');
  const obj = body as JsonObject;
  for (const key of READ_ONLY) if (key in obj) throw schemaError(`'${key}' is read-only.`);
  const type = obj['@odata.type'];
  if (type !== undefined && type !== '#microsoft.graph.authenticationStrengthPolicy') {
    throw schemaError("'@odata.type' must be '#microsoft.graph.authenticationStrengthPolicy'.");
  }
  return obj;
}

function checkKeys(obj: JsonObject, allowed: string[]): void {
  for (const key of Object.keys(obj)) {
    if (key !== '@odata.type' && !allowed.includes(key)) throw schemaError(`Unknown property '${key}'.`);
  }
}

function displayName(v: unknown, required: boolean): string | undefined {
  if (v === undefined && !required) return undefined;
  if (typeof v !== 'string' || v.trim() === '' || v.length > 256 || v.includes('\u0000')) {
    throw schemaError("'displayName' is required: a non-empty string of at most 256 characters.");
  }
  return v;
}

function description(v: unknown): string | null | undefined {
  if (v === undefined || v === null) return v;
  if (typeof v !== 'string' || v.length > 1024 || v.includes('\u0000')) {
    throw schemaError("'description' must be a string of at most 1024 characters.");
  }
  return v;
}
