import { DocumentSchema, SchemaMismatch, type GraphVersion } from '../../conditional-access/schema/document-schema.js';
import { ALL_USERS, POLICY_READ_ONLY, POLICY_WRITABLE } from './policy-defaults.js';
import { PolicyErrors } from './policy-errors.js';
import { checkConfigurationRanges, checkPolicyRanges } from './policy-rules.js';
import { GUID_PATTERN as GUID } from '../../graph/odata/literals.js';

type Json = Record<string, unknown>;

/** What a configuration document must be, in one version: its derived type and its targets' type. */
export interface ConfigurationShape {
  readonly kind: string;
  readonly type: string;
  readonly targetType: string;
}

const KEEP_ALL_MEMBERS = { includeUnknownEnumMembers: true };
/** Targets per list: Graph documents no limit; ours keeps a document small. */
export const MAX_TARGETS = 500;

/** Non-null target properties a client may leave out (Graph's examples often do). */
const TARGET_DEFAULTS: Record<string, Json> = {
  smsAuthenticationMethodTarget: { isUsableForSignIn: true },
  microsoftAuthenticatorAuthenticationMethodTarget: { authenticationMode: 'any' },
  passkeyAuthenticationMethodTarget: { allowedPasskeyProfiles: [] },
};

export const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Objects merge key by key; anything else (arrays, scalars, null) replaces. The result has no prototype,
 * so a sent `__proto__` stays a plain (unknown, refused) key.
 */
export function merge(base: unknown, patch: unknown): unknown {
  if (!isObject(base) || !isObject(patch)) return patch;
  const out: Json = Object.assign(Object.create(null) as Json, base);
  for (const [k, v] of Object.entries(patch)) out[k] = merge(base[k], v);
  return out;
}

const typeName = (declared: unknown) => (typeof declared === 'string' ? declared.replace(/^#?microsoft\.graph\./i, '') : undefined);

function body(value: unknown): Json {
  if (!isObject(value)) throw PolicyErrors.badRequest('The body must be a JSON object.');
  return value;
}

function validate(schema: DocumentSchema, value: unknown, type: string, path = ''): Json {
  try {
    return schema.write(value, type, path) as Json;
  } catch (e) {
    if (e instanceof SchemaMismatch) throw PolicyErrors.badRequest(`Invalid value: ${e.message}.`);
    throw e;
  }
}

/**
 * A PATCH of the policy (DECISIONS §8): the sent properties, checked against the called version's type,
 * merged into the stored ones (objects key by key). Read-only properties and the configurations
 * navigation are 400.
 */
export function patchPolicy(version: GraphVersion, stored: Json, value: unknown): Json {
  const obj = body(value);
  for (const key of Object.keys(obj)) {
    if ((POLICY_READ_ONLY as readonly string[]).includes(key)) throw PolicyErrors.badRequest(`'${key}' is read-only and cannot be updated.`);
    if (key === 'authenticationMethodConfigurations') {
      throw PolicyErrors.badRequest("'authenticationMethodConfigurations' cannot be set here; update each configuration instead.");
    }
    if (key === '@odata.type' && typeName(obj[key]) !== 'authenticationMethodsPolicy') {
      throw PolicyErrors.badRequest("'@odata.type' must be '#microsoft.graph.authenticationMethodsPolicy'.");
    }
  }
  const schema = DocumentSchema.of(version);
  const view = schema.read({ id: 'authenticationMethodsPolicy', ...stored }, 'authenticationMethodsPolicy', KEEP_ALL_MEMBERS) as Json;
  const { '@odata.type': _type, ...sent } = obj;
  const checked = validate(schema, merge(view, sent), 'authenticationMethodsPolicy');
  const writable = Object.fromEntries(Object.entries(checked).filter(([k]) => (POLICY_WRITABLE as readonly string[]).includes(k)));
  const next = merge(stored, writable) as Json;
  checkPolicyRanges(next);
  checkTargetIds(next.registrationEnforcement, 'registrationEnforcement');
  checkTargetIds(next.systemCredentialPreferences, 'systemCredentialPreferences');
  return next;
}

/**
 * A PATCH (or, with `stored` empty, a POST) of a configuration: `@odata.type` must name its type; the
 * properties are checked against the called version's type and merged into the stored document;
 * `includeTargets`, when sent, replaces the list. Ranges are checked on the result.
 */
export function patchConfiguration(version: GraphVersion, shape: ConfigurationShape, id: string, stored: Json, value: unknown): Json {
  const obj = body(value);
  if (typeName(obj['@odata.type']) !== shape.type) {
    throw PolicyErrors.badRequest(`The body's '@odata.type' must be '#microsoft.graph.${shape.type}', the type of this configuration.`);
  }
  if (obj.id !== undefined && (typeof obj.id !== 'string' || obj.id.toLowerCase() !== id.toLowerCase())) {
    throw PolicyErrors.badRequest("'id' is read-only and cannot be updated.");
  }
  const { '@odata.type': _type, id: _id, includeTargets, ...sent } = obj;
  const { includeTargets: storedTargets, ...storedProps } = stored;
  const schema = DocumentSchema.of(version);
  const view = schema.read({ ...storedProps, id }, shape.type, KEEP_ALL_MEMBERS) as Json;
  const { id: _checkedId, ...checked } = validate(schema, merge(view, sent), shape.type);
  const next = merge(storedProps, checked) as Json;
  next.includeTargets = includeTargets === undefined ? (storedTargets ?? []) : parseTargets(schema, includeTargets, shape.targetType);
  checkTargetIds({ excludeTargets: next.excludeTargets }, '');
  checkConfigurationRanges(shape.kind, next);
  return next;
}

function parseTargets(schema: DocumentSchema, value: unknown, targetType: string): Json[] {
  if (!Array.isArray(value)) throw PolicyErrors.badRequest("'includeTargets' must be an array.");
  if (value.length > MAX_TARGETS) throw PolicyErrors.badRequest(`'includeTargets' can have at most ${MAX_TARGETS} entries.`);
  const targets = value.map((t, i) =>
    validate(schema, isObject(t) ? { isRegistrationRequired: false, ...TARGET_DEFAULTS[targetType], ...t } : t, `${targetType}!`, `includeTargets[${i}]`),
  );
  checkTargetIds({ includeTargets: targets }, '');
  return targets;
}

/**
 * Target ids (graph-spec-ca-root §6.3): a GUID (a user or a group), or `all_users` for a group target;
 * each id once per list. Walks `includeTargets`/`excludeTargets` lists of the object given.
 */
function checkTargetIds(holder: unknown, path: string): void {
  if (!isObject(holder)) return;
  for (const [key, value] of Object.entries(holder)) {
    if (isObject(value)) checkTargetIds(value, path ? `${path}.${key}` : key);
    if ((key !== 'includeTargets' && key !== 'excludeTargets') || !Array.isArray(value)) continue;
    const seen = new Set<string>();
    for (const t of value as Json[]) {
      const tid = String(t.id);
      const where = path ? `${path}.${key}` : key;
      if (!(GUID.test(tid) || (tid === ALL_USERS && t.targetType === 'group'))) {
        throw PolicyErrors.badRequest(`${where}: '${tid.slice(0, 64)}' is not a valid target id (a user or group id, or 'all_users' for a group target).`);
      }
      if (seen.has(tid.toLowerCase())) throw PolicyErrors.badRequest(`${where}: '${tid}' is listed more than once.`);
      seen.add(tid.toLowerCase());
    }
  }
}
