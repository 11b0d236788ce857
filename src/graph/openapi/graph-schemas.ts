import { ApiSchema } from '@nestjs/swagger';
import type { GraphVersion } from '../http/base-url.js';

/**
 * Which Graph type each documented schema describes. The per-version documents keep only the
 * properties Graph's type has in that version and take enum members from Graph's own enums
 * (graph-documents.ts); $metadata lists, per type, the properties these schemas declare.
 */
const SCHEMAS: { readonly cls: { readonly name: string }; readonly graphType: string }[] = [];

/** `microsoft.graph.user` or `#microsoft.graph.user` → `user`. */
export const shortGraphType = (graphType: string) => graphType.replace(/^#?microsoft\.graph\./, '');

export function registerGraphSchema(cls: { readonly name: string }, graphType: string): void {
  SCHEMAS.push({ cls, graphType: shortGraphType(graphType) });
}

/** The Graph type a schema class documents, if any (a subclass documents its parent's). */
export function graphTypeOfClass(cls: { readonly name: string }): string | undefined {
  for (let c: unknown = cls; typeof c === 'function' && c !== Function.prototype; c = Object.getPrototypeOf(c)) {
    const found = SCHEMAS.find((s) => s.cls === c);
    if (found) return found.graphType;
  }
  return undefined;
}

/** Schema name (the class name at document time) → Graph type. */
export function graphSchemaTypes(): Map<string, string> {
  return new Map(SCHEMAS.map((s) => [s.cls.name, s.graphType]));
}

/** Class decorator for a response DTO: names the Graph type it documents (`microsoft.graph.x`). */
export function GraphEntity(graphType: string, description: string): ClassDecorator {
  return (target) => {
    registerGraphSchema(target, graphType);
    ApiSchema({ description: `\`${graphType}\`: ${description}` })(target);
  };
}

const VERSION_ONLY: { readonly cls: { readonly name: string }; readonly version: GraphVersion }[] = [];

/**
 * Class decorator: this schema is one version's shape only (beta's `authentication`). In the other
 * version's document, `anyOf`/`oneOf` alternatives naming it are dropped.
 */
export function GraphVersionOnly(version: GraphVersion): ClassDecorator {
  return (target) => void VERSION_ONLY.push({ cls: target, version });
}

/** Schema name → the only version it belongs to. */
export function versionOnlySchemas(): Map<string, GraphVersion> {
  return new Map(VERSION_ONLY.map((s) => [s.cls.name, s.version]));
}
