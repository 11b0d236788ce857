import type { GraphVersion } from '../../graph/http/base-url.js';
import { propertiesOf } from '../../graph/openapi/graph-metadata.js';

const cache = new Map<string, [string, unknown][]>();

/** Each property of the type with the value it has when the directory holds nothing for it. */
function emptyValues(version: GraphVersion, typeName: string): [string, unknown][] {
  const key = `${version}:${typeName}`;
  let entries = cache.get(key);
  if (!entries) {
    entries = Object.entries(propertiesOf(version, typeName))
      // Streams (`logo`) are never inline in JSON.
      .filter(([, type]) => !type.startsWith('Edm.Stream'))
      .map(([name, type]) => [name, type.startsWith('Collection(') ? [] : type === 'Edm.Boolean!' ? false : null]);
    cache.set(key, entries);
  }
  return entries;
}

/**
 * Keeps, in the given order, only the properties Graph's type has in this version (its base chain
 * included), then adds every other property of the type with its empty value (`null`, `[]`, `false`
 * for a non-nullable boolean): Graph returns every property of these directory objects by default.
 */
export function fitToGraphType(version: GraphVersion, typeName: string, json: Record<string, unknown>): Record<string, unknown> {
  const empty = emptyValues(version, typeName);
  const out: Record<string, unknown> = {};
  for (const [name] of empty) if (name in json) out[name] = json[name];
  const ordered: Record<string, unknown> = {};
  for (const key of Object.keys(json)) if (key in out) ordered[key] = out[key];
  for (const [name, value] of empty) if (!(name in ordered)) ordered[name] = Array.isArray(value) ? [] : value;
  return ordered;
}
