import type { OpenAPIObject } from '@nestjs/swagger';
import type { GraphVersion } from '../http/base-url.js';
import { elementType, enumMembers, GRAPH_METADATA, propertiesOf } from './graph-metadata.js';
import { graphSchemaTypes, shortGraphType, versionOnlySchemas } from './graph-schemas.js';
import { OPERATION_ID_PATTERN, operationIdForPath, tagOfOperation } from './operation-ids.js';

export const GRAPH_VERSIONS: readonly GraphVersion[] = ['v1.0', 'beta'];
export type GraphDocuments = Readonly<Record<GraphVersion, OpenAPIObject>>;

type Json = Record<string, unknown>;
type Operation = { operationId?: string; tags?: string[]; parameters?: Json[]; security?: unknown[]; responses?: Json };

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

/** Swagger UI's group headings. */
const TAG_DESCRIPTIONS: Record<string, string> = {
  'users.user': 'Users: `/users`, `/users/{id | userPrincipalName}`.',
  'me.user': 'The signed-in user: `/me`.',
  'users.authentication': "Any user's authentication methods: `/users/{id | userPrincipalName}/authentication/...`.",
  'me.authentication': "The signed-in user's authentication methods: `/me/authentication/...`.",
  'identity.conditionalAccess': 'Conditional Access: `/identity/conditionalAccess/...`.',
  'policies.conditionalAccessPolicies': 'Conditional Access policies under their alias `/policies/conditionalAccessPolicies`.',
  'policies.authenticationStrengthPolicies': 'Authentication strengths under their alias `/policies/authenticationStrengthPolicies`.',
  service: 'The service itself (not part of Graph).',
  'development issuer': "The built-in development token issuer's OpenID metadata (not part of Graph).",
};

/** What a path parameter means, by the name routes give it. */
const PARAMETER_DESCRIPTIONS: Record<string, string> = {
  user: 'The user: its `id` or its `userPrincipalName`.',
  tenant: 'The tenant id (a GUID) the development issuer signs for.',
  id: 'The key of the item.',
  methodId: 'The id of the authentication method.',
  operationId: 'The id of the operation.',
};

/**
 * One OpenAPI document per Graph version, from the one Nest builds for every route:
 * - only that version's paths (plus the service's own, such as /health);
 * - operation ids from `@Permissions` (the `/me` form renamed `me.…`), tags from the id (resource groups);
 * - every path parameter declared; public operations say so (`security: []`);
 * - schemas of Graph types keep only the properties Graph's type has in that version, with Graph's enum
 *   members; schemas nothing refers to are left out.
 */
export function buildGraphDocuments(full: OpenAPIObject): GraphDocuments {
  return Object.fromEntries(GRAPH_VERSIONS.map((v) => [v, versionDocument(full, v)])) as unknown as GraphDocuments;
}

function versionDocument(full: OpenAPIObject, version: GraphVersion): OpenAPIObject {
  const doc = structuredClone(full) as OpenAPIObject & { paths: Record<string, Record<string, unknown>> };
  const prefix = `/${version}/`;
  for (const [path, item] of Object.entries(doc.paths)) {
    const graphPath = /^\/(v1\.0|beta)\//.test(path);
    if (graphPath && !path.startsWith(prefix)) {
      delete doc.paths[path];
      continue;
    }
    for (const method of METHODS) {
      const op = item[method] as Operation | undefined;
      if (!op) continue;
      // Handlers declare Graph-like ids in @Permissions; anything else (test probes) keeps Nest's.
      if (graphPath && op.operationId && OPERATION_ID_PATTERN.test(op.operationId)) {
        op.operationId = operationIdForPath(op.operationId, path.slice(prefix.length - 1));
        op.tags = [tagOfOperation(op.operationId)];
      }
      declarePathParameters(path, op);
      op.security ??= []; // public: health, the development issuer's metadata
    }
  }
  doc.info = { ...doc.info, version };
  doc.servers = [{ url: '/', description: 'This server' }];
  doc.tags = [...new Set(Object.values(doc.paths).flatMap((item) => METHODS.flatMap((m) => (item[m] as Operation | undefined)?.tags ?? [])))]
    .sort((a, b) => Number(!a.includes('.')) - Number(!b.includes('.')) || a.localeCompare(b)) // Graph's groups first
    .map((name) => ({ name, description: TAG_DESCRIPTIONS[name] ?? `Operations of ${name}.` }));
  const schemas = (doc.components?.schemas ?? {}) as Record<string, Json>;
  const types = graphSchemaTypes();
  for (const [name, schema] of Object.entries(schemas)) {
    const graphType = types.get(name) ?? odataTypeOf(schema);
    if (graphType) fitToGraphType(schema, graphType, version);
  }
  dropOtherVersionAlternatives(doc.paths, version);
  pruneSchemas(doc);
  return doc;
}

/** A schema whose `@odata.type` admits one value (request bodies) documents that type. */
function odataTypeOf(schema: Json): string | undefined {
  const values = ((schema.properties as Record<string, Json> | undefined)?.['@odata.type']?.enum ?? []) as string[];
  return values.length === 1 ? shortGraphType(values[0]) : undefined;
}

function declarePathParameters(path: string, op: Operation): void {
  const declared = new Set((op.parameters ?? []).filter((p) => p.in === 'path').map((p) => p.name));
  for (const [, name] of path.matchAll(/\{([^}]+)\}/g)) {
    if (declared.has(name)) continue;
    (op.parameters ??= []).push({
      name,
      in: 'path',
      required: true,
      description: PARAMETER_DESCRIPTIONS[name] ?? `The ${name}.`,
      schema: { type: 'string' },
    });
  }
}

/** Keeps only the properties Graph's type has in this version; enum members are Graph's. */
function fitToGraphType(schema: Json, graphType: string, version: GraphVersion): void {
  const graphProps = propertiesOf(version, graphType);
  const known = GRAPH_METADATA[version].types[graphType] !== undefined;
  const properties = (schema.properties ?? {}) as Record<string, Json>;
  for (const [name, property] of Object.entries(properties)) {
    if (name.startsWith('@odata.')) continue;
    const type = graphProps[name];
    if (!known || type === undefined) {
      delete properties[name];
      continue;
    }
    const members = enumMembers(version, elementType(type));
    if (!members) continue;
    const target = property.type === 'array' ? (property.items as Json) : property;
    if (target && 'enum' in target) target.enum = [...members];
  }
  if (Array.isArray(schema.required)) {
    schema.required = (schema.required as string[]).filter((r) => r in properties);
    if ((schema.required as string[]).length === 0) delete schema.required;
  }
}

/** `anyOf`/`oneOf` alternatives that are another version's shape go; one left is used as is. */
function dropOtherVersionAlternatives(node: unknown, version: GraphVersion): void {
  const only = versionOnlySchemas();
  const otherVersion = (s: Json) => typeof s.$ref === 'string' && (only.get(s.$ref.split('/').pop()!) ?? version) !== version;
  const visit = (n: unknown): void => {
    if (Array.isArray(n)) return n.forEach(visit);
    if (!n || typeof n !== 'object') return;
    const obj = n as Json;
    for (const key of ['anyOf', 'oneOf'] as const) {
      const alternatives = obj[key] as Json[] | undefined;
      if (!Array.isArray(alternatives) || !alternatives.some(otherVersion)) continue;
      const kept = alternatives.filter((a) => !otherVersion(a));
      if (kept.length === 1) {
        delete obj[key];
        Object.assign(obj, kept[0]);
      } else obj[key] = kept;
    }
    Object.values(obj).forEach(visit);
  };
  visit(node);
}

/** Drops schemas no path refers to (directly or through other schemas). */
function pruneSchemas(doc: OpenAPIObject): void {
  const schemas = (doc.components?.schemas ?? {}) as Record<string, unknown>;
  const used = new Set<string>();
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (!node || typeof node !== 'object') return;
    for (const [key, value] of Object.entries(node)) {
      if (key === '$ref' && typeof value === 'string' && value.startsWith('#/components/schemas/')) {
        const name = value.slice('#/components/schemas/'.length);
        if (!used.has(name)) {
          used.add(name);
          visit(schemas[name]);
        }
      } else visit(value);
    }
  };
  visit(doc.paths);
  for (const name of Object.keys(schemas)) if (!used.has(name)) delete schemas[name];
}
