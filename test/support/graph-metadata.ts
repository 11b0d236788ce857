import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Checks a Graph response body against Microsoft's own type description (graph-types.json, copied from
 * ../shared/spec/graph-metadata, see its README): the type comes from `@odata.context` (and
 * `@odata.type` on items); every property must belong to that type in the version called, every
 * property of the type must be present (Graph's smaller default set for users; all bets are off
 * under `$select`), values must fit their types and enums.
 */

export type Version = 'v1.0' | 'beta';

interface TypeDef {
  kind: 'entity' | 'complex';
  base?: string | null;
  abstract?: boolean | null;
  props?: Record<string, string>;
  nav?: Record<string, string>;
  /** application, servicePrincipal: the properties whose types the file gives (the others' types may be absent). */
  subset?: string[];
}
interface VersionDefs {
  types: Record<string, TypeDef>;
  enums: Record<string, { members: string[]; flags?: boolean }>;
  paths: { family: string; path: string; method: string; returns?: string }[];
}

const here = dirname(fileURLToPath(import.meta.url));
export const GRAPH_TYPES = JSON.parse(readFileSync(join(here, '..', 'fixtures', 'graph-metadata', 'graph-types.json'), 'utf8')) as Record<Version, VersionDefs>;
const DEFS = GRAPH_TYPES;

/** Graph's documented default `$select` for users (user resource: "properties returned by default"). */
const USER_DEFAULTS = [
  'businessPhones',
  'displayName',
  'givenName',
  'id',
  'jobTitle',
  'mail',
  'mobilePhone',
  'officeLocation',
  'preferredLanguage',
  'surname',
  'userPrincipalName',
];

/** Entity sets and singletons the service serves, by first context segment. */
const ROOTS: Record<string, string> = {
  users: 'user',
  me: 'user',
  directoryObjects: 'directoryObject',
  identity: 'identityContainer',
  policies: 'policyRoot',
  applications: 'application',
  servicePrincipals: 'servicePrincipal',
  oauth2PermissionGrants: 'oAuth2PermissionGrant',
  roleManagement: 'roleManagement',
};
/** Roots that are singletons (no key segment). */
const SINGLETONS = new Set(['me', 'identity', 'policies', 'roleManagement']);
/** Collections reached through singletons whose types the description does not carry: path → element type. */
const PATH_ROOTS: Record<string, string> = {
  'identity/conditionalAccess/authenticationContextClassReferences': 'authenticationContextClassReference',
  'roleManagement/directory/roleDefinitions': 'unifiedRoleDefinition',
  'roleManagement/directory/roleAssignments': 'unifiedRoleAssignment',
};
/** Collection-level members besides `value`. */
const COLLECTION_ANNOTATIONS = ['@odata.context', '@odata.count', '@odata.nextLink', '@odata.deltaLink'];

export interface Target {
  type: string;
  collection: boolean;
  /** `$select` was applied: presence of every property is not required. */
  selected: boolean;
  /** A function or action result typed by its type (`#microsoft.graph.x`): its navigations come inline. */
  inline?: boolean;
  /** An action's primitive result (`$metadata#Edm.Boolean`): the body is `{"value": …}`. */
  primitive?: boolean;
}

const stripNs = (t: string) => t.replace(/^#?microsoft\.graph\./, '');

/** The type chain, most derived first. */
function chain(version: Version, type: string): TypeDef[] {
  const out: TypeDef[] = [];
  for (let t: string | null | undefined = type; t; t = DEFS[version].types[t]?.base) {
    const def = DEFS[version].types[t];
    if (!def) break;
    out.push(def);
  }
  return out;
}

export function propertiesOf(version: Version, type: string): Record<string, string> {
  return Object.assign(
    {},
    ...chain(version, type)
      .reverse()
      .map((d) => d.props ?? {}),
  );
}

function navigationOf(version: Version, type: string): Record<string, string> {
  return Object.assign(
    {},
    ...chain(version, type)
      .reverse()
      .map((d) => d.nav ?? {}),
  );
}

function isDerivedFrom(version: Version, type: string, base: string): boolean {
  for (let t: string | null | undefined = type; t; t = DEFS[version].types[t]?.base) if (t === base) return true;
  return false;
}

/** A property outside the type's `subset` whose type the file does not give: only its presence can be judged. */
function outsideSubset(version: Version, type: string, key: string, propType: string): boolean {
  const inner = parseType(propType).inner;
  if (inner.startsWith('Edm.') || DEFS[version].types[inner] || DEFS[version].enums[inner]) return false;
  return chain(version, type).some((d) => d.subset && !d.subset.includes(key));
}

/** `Collection(x)!` → { inner: 'x', collection: true, nonNull: true }. */
function parseType(t: string) {
  const nonNull = t.endsWith('!');
  let inner = nonNull ? t.slice(0, -1) : t;
  inner = inner.replace(/ \(reference\)$/, '');
  const m = /^Collection\((.*)\)$/.exec(inner);
  return { collection: !!m, inner: m ? m[1] : inner, nonNull };
}

/** Maps `@odata.context` (`{base}/$metadata#{fragment}`) to what the body holds. */
export function targetOf(version: Version, context: string): Target | string {
  const hash = context.indexOf('$metadata#');
  if (hash < 0) return `@odata.context '${context}' has no $metadata# fragment`;
  let fragment = context.slice(hash + '$metadata#'.length);
  const entity = fragment.endsWith('/$entity');
  if (entity) fragment = fragment.slice(0, -'/$entity'.length);
  // An action's collection result (`Collection(microsoft.graph.whatIfAnalysisResult)`), as Graph writes it.
  const actionCollection = /^Collection\(microsoft\.graph\.(\w+)\)$/.exec(fragment);
  if (actionCollection) {
    return DEFS[version].types[actionCollection[1]]
      ? { type: actionCollection[1], collection: true, selected: false }
      : `unknown type '${actionCollection[1]}'`;
  }
  let selected = false;
  const sel = /\(([A-Za-z0-9_,.@]+)\)$/.exec(fragment);
  if (sel && !fragment.endsWith("')")) {
    selected = true;
    fragment = fragment.slice(0, -sel[0].length);
  }
  if (/^Edm\.\w+$/.test(fragment)) return { type: fragment, collection: false, selected: false, primitive: true };
  if (fragment.startsWith('microsoft.graph.')) {
    return DEFS[version].types[stripNs(fragment)] ? { type: stripNs(fragment), collection: false, selected, inline: true } : `unknown type '${fragment}'`;
  }
  let type: string;
  let collection: boolean;
  let rest: string[];
  const prefix = Object.keys(PATH_ROOTS).find((root) => fragment === root || fragment.startsWith(`${root}/`));
  if (prefix) {
    type = PATH_ROOTS[prefix];
    collection = true;
    rest = fragment.slice(prefix.length).split('/').filter(Boolean);
  } else {
    const segments = fragment.split('/');
    const keyed = /^(\w+)\('(?:[^']|'')*'\)$/.exec(segments[0]);
    const root = keyed ? keyed[1] : segments[0];
    if (!ROOTS[root]) return `unknown @odata.context root '${segments[0]}'`;
    type = ROOTS[root];
    collection = !keyed && !SINGLETONS.has(root);
    rest = segments.slice(1);
  }
  for (const segment of rest) {
    // `policies('id')/combinationConfigurations`: a keyed member of a collection navigation.
    const keyedMember = /^(\w+)\('(?:[^']|'')*'\)$/.exec(segment);
    if (keyedMember && !collection) {
      const member = navigationOf(version, type)[keyedMember[1]];
      if (!member || !parseType(member).collection) return `'${keyedMember[1]}' is not a collection of ${type} (${version})`;
      type = parseType(member).inner;
      continue;
    }
    if (/^\w+\('.*'\)$/.test(segment) || (collection && !/^[A-Za-z]/.test(segment))) return `unsupported segment '${segment}'`;
    const member = navigationOf(version, type)[segment] ?? propertiesOf(version, type)[segment];
    if (!member) return `'${segment}' is not a member of ${type} (${version})`;
    const parsed = parseType(member);
    type = parsed.inner;
    collection = parsed.collection;
  }
  return { type, collection: collection && !entity, selected };
}

/** Every problem with `body` as a response of `version`; empty when it fits Graph's description. */
export function checkGraphBody(version: Version, body: unknown): string[] {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return ['the body is not a JSON object'];
  const b = body as Record<string, unknown>;
  const context = b['@odata.context'];
  if (typeof context !== 'string') return ['no @odata.context'];
  const target = targetOf(version, context);
  if (typeof target === 'string') return [target];
  const problems: string[] = [];
  if (target.collection) {
    for (const key of Object.keys(b)) {
      if (key !== 'value' && !COLLECTION_ANNOTATIONS.includes(key) && !key.startsWith('@microsoft.graph.')) problems.push(`collection member '${key}'`);
    }
    if (!Array.isArray(b.value)) return [...problems, 'a collection without a value array'];
    b.value.forEach((item, i) => problems.push(...checkValue(version, target.type, item, `value[${i}]`, target.selected, true)));
    return problems;
  }
  const { '@odata.context': _c, ...entity } = b;
  if (target.primitive) {
    const extra = Object.keys(entity).filter((k) => k !== 'value');
    return [...extra.map((k) => `primitive result member '${k}'`), ...checkValue(version, `${target.type}!`, entity.value, 'value', false, true)];
  }
  if (target.inline) return checkObject(version, target.type, entity, '', target.selected, true);
  return checkValue(version, target.type, entity, '', target.selected, false);
}

function checkValue(version: Version, declared: string, value: unknown, path: string, selected: boolean, nonNull: boolean): string[] {
  const where = path || '(body)';
  if (value === null) return nonNull ? [`${where} is null`] : [];
  const parsed = parseType(declared);
  if (parsed.collection) {
    if (!Array.isArray(value)) return [`${where} is not an array`];
    return value.flatMap((v, i) => checkValue(version, parsed.inner, v, `${path}[${i}]`, selected, true));
  }
  const t = parsed.inner;
  if (t === '?') return [];
  if (t.startsWith('Edm.')) return checkPrimitive(t, value, where);
  const en = DEFS[version].enums[t];
  if (en) {
    if (typeof value !== 'string') return [`${where} is not a string (enum ${t})`];
    const members = en.flags ? value.split(',').map((s) => s.trim()) : [value];
    const bad = members.filter((m) => !en.members.includes(m));
    return bad.length ? [`${where}: '${value}' is not a member of ${t} (${version})`] : [];
  }
  if (!DEFS[version].types[t]) return [`${where}: type '${t}' is not in ${version}`];
  if (typeof value !== 'object' || Array.isArray(value)) return [`${where} is not an object (${t})`];
  return checkObject(version, t, value as Record<string, unknown>, path, selected);
}

function checkObject(version: Version, declared: string, obj: Record<string, unknown>, path: string, selected: boolean, inlineNavs = false): string[] {
  const problems: string[] = [];
  let type = declared;
  const odataType = obj['@odata.type'];
  if (odataType !== undefined) {
    const named = typeof odataType === 'string' ? stripNs(odataType) : '';
    if (!DEFS[version].types[named]) return [`${path}: @odata.type '${String(odataType)}' is not a type of ${version}`];
    if (!isDerivedFrom(version, named, declared)) problems.push(`${path}: @odata.type ${named} is not a ${declared}`);
    type = named;
  }
  if (DEFS[version].types[type]?.abstract) problems.push(`${path}: abstract type ${type} without a concrete @odata.type`);
  const props = propertiesOf(version, type);
  const nav = navigationOf(version, type);
  for (const [key, value] of Object.entries(obj)) {
    const at = path ? `${path}.${key}` : key;
    if (key.includes('@')) continue; // instance and property annotations (@odata.*, @removed, x@odata.context)
    if (nav[key]) {
      // Graph returns a few contained navigations inline without $expand, each with its own @odata.context
      // (a policy's grantControls.authenticationStrength, a strength's combinationConfigurations), or null.
      if (inlineNavs || value === null || obj[`${key}@odata.context`] !== undefined) {
        problems.push(...checkValue(version, nav[key], value, at, false, false));
        continue;
      }
      problems.push(`${at}: navigation property returned without $expand`);
      continue;
    }
    const propType = props[key];
    if (!propType) {
      problems.push(`${at}: not a property of ${type} (${version})`);
      continue;
    }
    if (outsideSubset(version, type, key, propType)) continue;
    problems.push(...checkValue(version, propType, value, at, false, parseType(propType).nonNull));
  }
  // A deleted item in a delta round carries only its id.
  if (!selected && obj['@removed'] === undefined) {
    // Stream properties (an application's `logo`) are never inline in JSON.
    const required = type === 'user' ? USER_DEFAULTS : Object.keys(props).filter((p) => !props[p].startsWith('Edm.Stream'));
    for (const p of required) if (!(p in obj)) problems.push(`${path ? `${path}.` : ''}${p}: missing (a default property of ${type}, ${version})`);
  }
  return problems;
}

const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:\d{2})$/;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function checkPrimitive(type: string, value: unknown, where: string): string[] {
  switch (type) {
    case 'Edm.String':
      return typeof value === 'string' ? [] : [`${where} is not a string`];
    case 'Edm.Boolean':
      return typeof value === 'boolean' ? [] : [`${where} is not a boolean`];
    case 'Edm.Int32':
    case 'Edm.Int64':
    case 'Edm.Int16':
    case 'Edm.Byte':
      return Number.isInteger(value) ? [] : [`${where} is not an integer`];
    case 'Edm.Double':
    case 'Edm.Single':
      return typeof value === 'number' ? [] : [`${where} is not a number`];
    case 'Edm.DateTimeOffset':
      return typeof value === 'string' && ISO_DATE_TIME.test(value) ? [] : [`${where} is not an ISO 8601 date-time with offset`];
    case 'Edm.Guid':
      return typeof value === 'string' && GUID.test(value) ? [] : [`${where} is not a GUID`];
    default:
      return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? [] : [`${where} is not a ${type}`];
  }
}

/** `/v1.0/...` or `/beta/...` (any case) → the version; undefined for non-Graph paths. */
export function versionOfPath(pathname: string): Version | undefined {
  const m = /^\/(v1\.0|beta)\//i.exec(pathname);
  return m ? (m[1].toLowerCase() as Version) : undefined;
}

/** The first segment after the version is one of the resources this checker knows (users, me, identity, ...). */
export function isCheckedGraphPath(pathname: string): boolean {
  const m = /^\/(?:v1\.0|beta)\/([^/?(]+)/i.exec(pathname);
  return (
    !!m &&
    ['users', 'me', 'identity', 'directoryobjects', 'policies', 'applications', 'serviceprincipals', 'oauth2permissiongrants', 'rolemanagement'].includes(
      m[1].toLowerCase(),
    )
  );
}
