import { GRAPH_METADATA, type GraphVersionMetadata } from '../../graph/openapi/graph-metadata.js';

/** One of Graph's enums (members in Graph's order; `flags`: a comma-separated set). */
export type GraphEnumDef = GraphVersionMetadata['enums'][string];

export type GraphVersion = 'v1.0' | 'beta';
type Json = unknown;
type JsonObject = Record<string, Json>;

/** A body that does not fit Graph's type; callers turn it into their resource's 400 (policies: 1007). */
export class SchemaMismatch extends Error {
  constructor(
    readonly path: string,
    readonly detail: string,
  ) {
    super(`${path}: ${detail}`);
  }
}

export interface ReadOptions {
  /** `Prefer: include-unknown-enum-members` was sent (graph-spec-ca-root §A.4). */
  includeUnknownEnumMembers: boolean;
}

const UFV = 'unknownFutureValue';

/**
 * Walks a JSON value against Graph's own type description (the one generated copy, graph-metadata.data.ts),
 * one version at a time.
 * `write` checks a request body and returns the full normalised shape (every collection `[]`, every other
 * absent property `null`); `read` renders a stored document for a version: only that version's properties,
 * defaults for the missing ones, evolvable enum members hidden unless asked for.
 */
export class DocumentSchema {
  private readonly set: GraphVersionMetadata;

  constructor(readonly version: GraphVersion) {
    this.set = GRAPH_METADATA[version];
  }

  static of(version: GraphVersion): DocumentSchema {
    return SCHEMAS[version];
  }

  /** Every property of a type, inherited ones first. */
  props(typeName: string): Record<string, string> {
    const t = this.set.types[typeName];
    if (!t) throw new Error(`unknown type ${typeName}`);
    return { ...(t.base ? this.props(t.base) : {}), ...t.props };
  }

  hasType(typeName: string): boolean {
    return typeName in this.set.types;
  }

  enumDef(name: string): GraphEnumDef | undefined {
    return this.set.enums[name];
  }

  /** Checks and normalises a complex value sent by a client. */
  write(value: Json, type: string, path: string): Json {
    return this.value(value, type, path, 'write', { includeUnknownEnumMembers: true });
  }

  /** Renders a stored value for this version. Never throws on stored data. */
  read(value: Json, type: string, options: ReadOptions): Json {
    return this.value(value, type, '', 'read', options);
  }

  private value(value: Json, type: string, path: string, mode: Mode, options: ReadOptions): Json {
    const nonNull = type.endsWith('!');
    const bare = nonNull ? type.slice(0, -1) : type;
    if (bare.startsWith('Collection(')) {
      const item = bare.slice('Collection('.length, -1);
      if (value === undefined || value === null) {
        if (mode === 'write' && value === null && nonNull) throw new SchemaMismatch(path, 'must be an array, not null');
        return nonNull || mode === 'read' ? [] : null;
      }
      if (!Array.isArray(value)) {
        if (mode === 'read') return [];
        throw new SchemaMismatch(path, 'must be an array');
      }
      return value.map((v, i) => this.value(v, `${item}!`, `${path}[${i}]`, mode, options));
    }
    if (value === undefined || value === null) {
      if (mode === 'write' && nonNull) throw new SchemaMismatch(path, 'is required and cannot be null');
      return null;
    }
    // Types the metadata does not give (beta only): kept as sent, but Postgres' jsonb cannot hold NUL.
    if (bare === '?') {
      if (mode === 'write' && JSON.stringify(value).includes('\\u0000')) throw new SchemaMismatch(path, 'must not contain NUL characters');
      return value;
    }
    if (bare.startsWith('Edm.')) return this.primitive(value, bare, path, mode);
    const enumDef = this.set.enums[bare];
    if (enumDef) return this.enumValue(value, enumDef, path, mode, options);
    return this.complex(value, bare, path, mode, options);
  }

  private complex(value: Json, typeName: string, path: string, mode: Mode, options: ReadOptions): Json {
    if (typeof value !== 'object' || Array.isArray(value) || value === null) {
      if (mode === 'read') return null;
      throw new SchemaMismatch(path, 'must be an object');
    }
    const obj = value as JsonObject;
    const actual = this.concreteType(obj, typeName, path, mode);
    const props = this.props(actual);
    if (mode === 'write') {
      for (const key of Object.keys(obj)) {
        if (key === '@odata.type') continue;
        if (!Object.hasOwn(props, key)) throw new SchemaMismatch(path, `has no property '${key}'`);
      }
    }
    const out: JsonObject = {};
    // Abstract types are polymorphic on the wire: the concrete type travels with the value.
    if (this.set.types[typeName].abstract) out['@odata.type'] = `#microsoft.graph.${actual}`;
    for (const [name, propType] of Object.entries(props)) {
      out[name] = this.value(obj[name], propType, path ? `${path}.${name}` : name, mode, options);
    }
    return out;
  }

  /** The type a value declares with `@odata.type` (required for abstract types), else the declared one. */
  private concreteType(obj: JsonObject, typeName: string, path: string, mode: Mode): string {
    const declared = obj['@odata.type'];
    const abstract = this.set.types[typeName].abstract;
    if (declared === undefined) {
      if (!abstract) return typeName;
      if (mode === 'read') throw new Error(`stored ${typeName} without @odata.type`);
      throw new SchemaMismatch(path, `needs '@odata.type' naming a type derived from '${typeName}'`);
    }
    const name = typeof declared === 'string' ? declared.replace(/^#?microsoft\.graph\./, '') : '';
    if (name && this.hasType(name) && this.derivesFrom(name, typeName) && !this.set.types[name].abstract) return name;
    if (mode === 'read') return typeName;
    throw new SchemaMismatch(path, `'@odata.type' ${JSON.stringify(declared)} is not '${typeName}' or a type derived from it`);
  }

  derivesFrom(name: string, base: string): boolean {
    for (let t: string | undefined = name; t; t = this.set.types[t]?.base) if (t === base) return true;
    return false;
  }

  private primitive(value: Json, type: string, path: string, mode: Mode): Json {
    const ok =
      type === 'Edm.String' || type === 'Edm.Guid' || type === 'Edm.DateTimeOffset'
        ? typeof value === 'string' && !value.includes('\u0000')
        : type === 'Edm.Boolean'
          ? typeof value === 'boolean'
          : type === 'Edm.Int32'
            ? Number.isInteger(value) && Math.abs(value as number) <= 2147483647
            : true;
    if (ok) return value;
    if (mode === 'read') return null;
    throw new SchemaMismatch(path, `must be a value of type ${type}`);
  }

  private enumValue(value: Json, def: GraphEnumDef, path: string, mode: Mode, options: ReadOptions): Json {
    if (typeof value !== 'string') {
      if (mode === 'read') return null;
      throw new SchemaMismatch(path, 'must be a string enum member');
    }
    // Flags enums are one comma-separated string; requests may carry spaces ("password, sms").
    const parts = def.flags ? value.split(',').map((s) => s.trim()) : [value.trim()];
    const ufv = def.members.indexOf(UFV);
    for (const p of parts) {
      if (mode === 'write' && (p === UFV || !def.members.includes(p))) {
        throw new SchemaMismatch(path, p === UFV ? `'${UFV}' cannot be sent` : `'${p}' is not a member`);
      }
    }
    const hidden = (m: string) => mode === 'read' && !options.includeUnknownEnumMembers && ufv >= 0 && def.members.indexOf(m) > ufv;
    const shown = [...new Set(parts.map((p) => (hidden(p) ? UFV : p)))];
    if (!def.flags) return shown[0];
    return shown.sort((a, b) => def.members.indexOf(a) - def.members.indexOf(b)).join(',');
  }
}

type Mode = 'write' | 'read';

const SCHEMAS: Record<GraphVersion, DocumentSchema> = {
  'v1.0': new DocumentSchema('v1.0'),
  beta: new DocumentSchema('beta'),
};

/**
 * Evolvable enums (graph-spec-ca-root §A.4): the value a client sees for a stored member, and whether an
 * enum member is one that sits after `unknownFutureValue`.
 */
export function isEvolvableMember(def: GraphEnumDef, member: string): boolean {
  const ufv = def.members.indexOf(UFV);
  return ufv >= 0 && def.members.indexOf(member) > ufv;
}

/** `Prefer: include-unknown-enum-members` (case-insensitive, among other preferences). */
export function prefersUnknownEnumMembers(prefer: string | string[] | undefined): boolean {
  const all = Array.isArray(prefer) ? prefer.join(',') : (prefer ?? '');
  return all
    .split(/[,;]/)
    .map((s) => s.trim().toLowerCase())
    .includes('include-unknown-enum-members');
}
