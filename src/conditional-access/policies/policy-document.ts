import { CA_ERROR, caError, policySchemaError, readOnlyError } from '../schema/ca-errors.js';
import { DocumentSchema, SchemaMismatch, type GraphVersion, type ReadOptions } from '../schema/document-schema.js';

type JsonObject = Record<string, unknown>;

/** What a policy stores (DECISIONS §7): the writable properties, nested parts as documents. */
export interface PolicyDocument {
  displayName: string;
  description: string | null;
  state: string;
  conditions: JsonObject;
  grantControls: JsonObject | null;
  sessionControls: JsonObject | null;
  templateId: string | null;
}

const READ_ONLY = ['id', 'createdDateTime', 'modifiedDateTime', 'deletedDateTime'] as const;
const WRITABLE = ['displayName', 'description', 'state', 'conditions', 'grantControls', 'sessionControls'] as const;
const ODATA_TYPE = '#microsoft.graph.conditionalAccessPolicy';
const STATES = ['enabled', 'disabled', 'enabledForReportingButNotEnforced'];
export const DISPLAY_NAME_MAX = 256;
export const DESCRIPTION_MAX = 1024;

/**
 * A create body → the full normalised policy for the calling version (rules 1–3 and the schema; the
 * semantic rules are in policy-rules.ts). `templateId` is only accepted here (graph-spec-ca-root §4.3).
 */
export function normaliseCreate(body: unknown, version: GraphVersion): PolicyDocument {
  const obj = topLevel(body, true);
  const doc = normaliseParts(obj, version);
  const templateId = obj.templateId;
  if (templateId !== undefined && templateId !== null && typeof templateId !== 'string') {
    throw policySchemaError("'templateId' must be a string");
  }
  return { ...doc, templateId: (templateId as string | null | undefined) ?? null };
}

/**
 * PATCH (graph-spec-ca-root §1.7): objects merge recursively, arrays and scalars are replaced, `null` clears.
 * The merged result is normalised again, so it must be a valid policy as a whole. Properties the stored
 * document has for the other version survive a PATCH through this one.
 */
export function mergePatch(stored: PolicyDocument, body: unknown, version: GraphVersion): PolicyDocument {
  const obj = topLevel(body, false);
  const sent = typeof obj.templateId === 'string' ? obj.templateId.toLowerCase() : obj.templateId;
  if (sent !== undefined && sent !== stored.templateId) {
    throw caError(CA_ERROR.templateIdReadOnly, "'templateId' is set when a policy is created and cannot be changed.");
  }
  const current = renderParts(stored, version, { includeUnknownEnumMembers: true });
  const merged = deepMerge(current, obj) as JsonObject;
  const doc = normaliseParts(merged, version);
  return {
    ...doc,
    conditions: keepOtherVersion(stored.conditions, doc.conditions) as JsonObject,
    grantControls: keepOtherVersion(stored.grantControls, doc.grantControls) as JsonObject | null,
    sessionControls: keepOtherVersion(stored.sessionControls, doc.sessionControls) as JsonObject | null,
    templateId: stored.templateId,
  };
}

/** The stored policy as the given version shows it: its properties only, every default present. */
export function renderParts(doc: PolicyDocument, version: GraphVersion, options: ReadOptions) {
  const schema = DocumentSchema.of(version);
  const grant = doc.grantControls ? renderGrant(schema, doc.grantControls, options) : null;
  return {
    displayName: doc.displayName,
    description: doc.description,
    state: doc.state,
    conditions: schema.read(doc.conditions, 'conditionalAccessConditionSet!', options) as JsonObject,
    grantControls: grant,
    sessionControls: schema.read(doc.sessionControls, 'conditionalAccessSessionControls', options) as JsonObject | null,
  };
}

/** Objects merged recursively (patch wins), anything else replaced. */
export function deepMerge(base: unknown, patch: unknown): unknown {
  if (!isObject(base) || !isObject(patch)) return patch;
  const out: JsonObject = { ...base };
  for (const [k, v] of Object.entries(patch)) out[k] = k in base ? deepMerge(base[k], v) : v;
  return out;
}

function topLevel(body: unknown, creating: boolean): JsonObject {
  if (!isObject(body)) throw policySchemaError();
  for (const key of READ_ONLY) if (key in body) throw readOnlyError(key);
  for (const key of Object.keys(body)) {
    if (key === '@odata.type') {
      if (body[key] !== ODATA_TYPE) throw policySchemaError(`'@odata.type' must be '${ODATA_TYPE}'`);
    } else if (!(WRITABLE as readonly string[]).includes(key) && key !== 'templateId') {
      throw policySchemaError(`unknown property '${key}'`);
    }
  }
  if (creating) {
    for (const key of ['displayName', 'state', 'conditions']) {
      if (body[key] === undefined) throw policySchemaError(`'${key}' is required`);
    }
  }
  return body;
}

function normaliseParts(obj: JsonObject, version: GraphVersion): Omit<PolicyDocument, 'templateId'> {
  const { displayName, description, state } = obj;
  if (typeof displayName !== 'string' || displayName.trim() === '' || displayName.length > DISPLAY_NAME_MAX) {
    throw policySchemaError(`'displayName' must be a non-empty string of at most ${DISPLAY_NAME_MAX} characters`);
  }
  if (description !== undefined && description !== null && (typeof description !== 'string' || description.length > DESCRIPTION_MAX)) {
    throw policySchemaError(`'description' must be a string of at most ${DESCRIPTION_MAX} characters`);
  }
  if (typeof state !== 'string' || !STATES.includes(state)) {
    throw policySchemaError(`'state' must be one of ${STATES.join(', ')}`);
  }
  if (hasNul(displayName) || (typeof description === 'string' && hasNul(description))) {
    throw policySchemaError('strings must not contain NUL characters');
  }
  const schema = DocumentSchema.of(version);
  try {
    return {
      displayName,
      description: (description as string | null | undefined) ?? null,
      state,
      conditions: schema.write(obj.conditions, 'conditionalAccessConditionSet!', 'conditions') as JsonObject,
      grantControls: obj.grantControls == null ? null : writeGrant(schema, obj.grantControls),
      sessionControls: schema.write(obj.sessionControls, 'conditionalAccessSessionControls', 'sessionControls') as JsonObject | null,
    };
  } catch (e) {
    if (e instanceof SchemaMismatch) throw policySchemaError(e.message);
    throw e;
  }
}

/**
 * `authenticationStrength` is a navigation: written as `{"id": …}` only (a whole strength object is 1007,
 * msgraph-sdk-powershell#3089), read back as the whole strength by the service.
 */
function writeGrant(schema: DocumentSchema, grant: unknown): JsonObject {
  if (!isObject(grant)) throw new SchemaMismatch('grantControls', 'must be an object');
  const { authenticationStrength, ...rest } = grant;
  const out = schema.write(rest, 'conditionalAccessGrantControls', 'grantControls') as JsonObject;
  if (typeof out.operator === 'string') out.operator = out.operator.toUpperCase();
  let strength: { id: string } | null = null;
  if (authenticationStrength !== undefined && authenticationStrength !== null) {
    const s = authenticationStrength;
    const keys = isObject(s) ? Object.keys(s).filter((k) => k !== '@odata.type') : [];
    if (!isObject(s) || keys.length !== 1 || keys[0] !== 'id' || typeof s.id !== 'string') {
      throw new SchemaMismatch('grantControls.authenticationStrength', 'must be {"id": "<strength id>"}');
    }
    strength = { id: s.id.toLowerCase() };
  }
  return { ...out, authenticationStrength: strength };
}

function renderGrant(schema: DocumentSchema, grant: JsonObject, options: ReadOptions): JsonObject {
  const out = schema.read(grant, 'conditionalAccessGrantControls', options) as JsonObject;
  return { ...out, authenticationStrength: (grant.authenticationStrength as JsonObject | null) ?? null };
}

/** The new document, plus any property of `old` the new one does not have (the other version's). */
function keepOtherVersion(old: unknown, next: unknown): unknown {
  if (!isObject(old) || !isObject(next)) return next;
  const out: JsonObject = { ...next };
  for (const [k, v] of Object.entries(old)) out[k] = k in next ? keepOtherVersion(v, next[k]) : v;
  return out;
}

function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function hasNul(s: string): boolean {
  return s.includes('\u0000');
}
