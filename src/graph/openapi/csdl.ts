import type { OpenAPIObject } from '@nestjs/swagger';
import type { GraphVersion } from '../http/base-url.js';
import { baseChain, elementType, GRAPH_METADATA, isCollection, isNullable, type GraphOperation } from './graph-metadata.js';
import { graphSchemaTypes } from './graph-schemas.js';

/** The entity sets and singletons Graph roots our paths at. */
const CONTAINER: Record<string, { kind: 'EntitySet' | 'Singleton'; type: string }> = {
  users: { kind: 'EntitySet', type: 'user' },
  me: { kind: 'Singleton', type: 'user' },
  identity: { kind: 'Singleton', type: 'identityContainer' },
  applications: { kind: 'EntitySet', type: 'application' },
  auditLogs: { kind: 'Singleton', type: 'auditLogRoot' },
  directoryObjects: { kind: 'EntitySet', type: 'directoryObject' },
  servicePrincipals: { kind: 'EntitySet', type: 'servicePrincipal' },
  oauth2PermissionGrants: { kind: 'EntitySet', type: 'oAuth2PermissionGrant' },
  policies: { kind: 'Singleton', type: 'policyRoot' },
  roleManagement: { kind: 'Singleton', type: 'roleManagement' },
};

interface Model {
  readonly roots: Set<string>;
  readonly types: Set<string>;
  readonly enums: Set<string>;
  /** type → navigation properties served */
  readonly navs: Map<string, Set<string>>;
  /** type → its own (declared) properties served */
  readonly props: Map<string, Set<string>>;
  readonly operations: Set<GraphOperation>;
}

/**
 * `GET /{version}/$metadata`: a CSDL document (OData 4.0 XML) of what this service serves, built
 * from Graph's own types for that version (graph-metadata) and the version's OpenAPI document:
 * the entity sets and singletons its paths start at, the types and navigations those paths walk,
 * the bound actions they call, and per type the properties its response schemas declare.
 */
export function renderCsdl(version: GraphVersion, doc: OpenAPIObject): string {
  return toXml(version, modelOf(version, doc));
}

function modelOf(version: GraphVersion, doc: OpenAPIObject): Model {
  const meta = GRAPH_METADATA[version];
  const model: Model = { roots: new Set(), types: new Set(), enums: new Set(), navs: new Map(), props: new Map(), operations: new Set() };
  const addType = (name: string) => baseChain(version, name).forEach((t) => model.types.add(t));
  const navOf = (type: string, name: string) =>
    baseChain(version, type)
      .map((t) => meta.types[t].nav?.[name])
      .find(Boolean);
  const operationOf = (type: string, name: string) =>
    meta.operations.find((o) => o.name === name && o.binding !== undefined && baseChain(version, type).includes(o.binding));

  for (const path of Object.keys(doc.paths)) {
    if (!path.startsWith(`/${version}/`)) continue;
    const [root, ...rest] = path.slice(version.length + 2).split('/');
    const entry = CONTAINER[root];
    if (!entry) continue;
    model.roots.add(root);
    let type = entry.type;
    addType(type);
    for (const segment of rest) {
      if (segment.startsWith('{')) continue; // a key: same type
      const nav = navOf(type, segment);
      if (nav) {
        const owner = baseChain(version, type).find((t) => meta.types[t].nav?.[segment])!;
        (model.navs.get(owner) ?? model.navs.set(owner, new Set()).get(owner)!).add(segment);
        type = elementType(nav);
        addType(type);
        continue;
      }
      const operation = operationOf(type, segment);
      if (operation) model.operations.add(operation);
      break; // an action, or a property of the entity (beta signInPreferences): the walk ends
    }
  }
  for (const operation of model.operations) {
    for (const t of [operation.returns, ...(operation.params ?? []).map(([, p]) => p)]) if (t) addStructured(elementType(t), null);
  }

  // Properties: what the response schemas of each type declare, assigned to the type that declares them.
  const schemas = (doc.components?.schemas ?? {}) as Record<string, { properties?: Record<string, unknown> }>;
  for (const [name, graphType] of graphSchemaTypes()) {
    const schema = schemas[name];
    if (!schema || !meta.types[graphType]) continue;
    if (meta.types[graphType].kind === 'complex') addStructured(graphType, Object.keys(schema.properties ?? {}));
    else {
      addType(graphType);
      for (const prop of Object.keys(schema.properties ?? {})) declare(graphType, prop);
    }
  }
  return model;

  function declare(type: string, prop: string): void {
    const owner = baseChain(version, type).find((t) => meta.types[t].props?.[prop] !== undefined);
    if (!owner) return;
    (model.props.get(owner) ?? model.props.set(owner, new Set()).get(owner)!).add(prop);
    addStructured(elementType(meta.types[owner].props![prop]), null);
  }

  /** A complex type (with the given properties, or all) or an enum, and what its properties need. */
  function addStructured(name: string, only: string[] | null): void {
    if (name.startsWith('Edm.') || name === '?') return;
    if (meta.enums[name]) return void model.enums.add(name);
    const type = meta.types[name];
    if (!type) return;
    if (type.kind === 'entity') return addType(name);
    const first = !model.types.has(name);
    addType(name);
    for (const prop of only ?? Object.keys(type.props ?? {})) if (first || only) declare(name, prop);
  }
}

const qualified = (type: string): string => {
  const inner = elementType(type);
  const name = inner.startsWith('Edm.') ? inner : `graph.${inner}`;
  return isCollection(type.replace(/ \(reference\)$/, '')) ? `Collection(${name})` : name;
};

function toXml(version: GraphVersion, model: Model): string {
  const meta = GRAPH_METADATA[version];
  const lines: string[] = [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<edmx:Edmx Version="4.0" xmlns:edmx="http://docs.oasis-open.org/odata/ns/edmx">',
    '  <edmx:DataServices>',
    '    <Schema Namespace="microsoft.graph" Alias="graph" xmlns="http://docs.oasis-open.org/odata/ns/edm">',
  ];
  for (const name of [...model.enums].sort()) {
    const e = meta.enums[name];
    lines.push(`      <EnumType Name="${name}"${e.flags ? ' IsFlags="true"' : ''}>`);
    e.members.forEach((m, i) => lines.push(`        <Member Name="${m}" Value="${e.flags ? 2 ** i : i}" />`));
    lines.push('      </EnumType>');
  }
  for (const name of [...model.types].sort()) {
    const t = meta.types[name];
    const element = t.kind === 'entity' ? 'EntityType' : 'ComplexType';
    const attrs = [`Name="${name}"`, t.base ? `BaseType="graph.${t.base}"` : '', t.abstract ? 'Abstract="true"' : '', t.open ? 'OpenType="true"' : ''].filter(
      Boolean,
    );
    const open = lines.push(`      <${element} ${attrs.join(' ')}>`);
    if (t.kind === 'entity' && !t.base && t.props?.id) lines.push('        <Key>', '          <PropertyRef Name="id" />', '        </Key>');
    for (const prop of Object.keys(t.props ?? {})) {
      const type = t.props![prop];
      if (!model.props.get(name)?.has(prop) || type === '?') continue;
      lines.push(`        <Property Name="${prop}" Type="${qualified(type)}"${isNullable(type) ? '' : ' Nullable="false"'} />`);
    }
    for (const nav of Object.keys(t.nav ?? {})) {
      if (!model.navs.get(name)?.has(nav)) continue;
      const type = t.nav![nav];
      lines.push(`        <NavigationProperty Name="${nav}" Type="${qualified(type)}"${type.endsWith(' (reference)') ? '' : ' ContainsTarget="true"'} />`);
    }
    if (lines.length === open) lines[open - 1] = lines[open - 1].replace(/>$/, ' />');
    else lines.push(`      </${element}>`);
  }
  for (const op of [...model.operations].sort((a, b) => a.name.localeCompare(b.name))) {
    const element = op.kind === 'action' ? 'Action' : 'Function';
    lines.push(`      <${element} Name="${op.name}" IsBound="true">`);
    lines.push(`        <Parameter Name="bindingParameter" Type="graph.${op.binding}" />`);
    for (const [name, type] of op.params ?? []) lines.push(`        <Parameter Name="${name}" Type="${qualified(type)}" />`);
    if (op.returns) lines.push(`        <ReturnType Type="${qualified(op.returns)}" />`);
    lines.push(`      </${element}>`);
  }
  lines.push('      <EntityContainer Name="GraphService">');
  for (const root of [...model.roots].sort()) {
    const { kind, type } = CONTAINER[root];
    lines.push(`        <${kind} Name="${root}" ${kind === 'EntitySet' ? 'EntityType' : 'Type'}="graph.${type}" />`);
  }
  lines.push('      </EntityContainer>', '    </Schema>', '  </edmx:DataServices>', '</edmx:Edmx>', '');
  return lines.join('\n');
}
