import { readFileSync } from 'node:fs';

// Test support (unit specs import it): compares rendered JSON with Microsoft's own metadata, read from the
// copy of the shared spec (test/fixtures/graph-metadata) rather than from the generated src/graph/openapi/graph-metadata.data.ts, so a wrong generation is caught too.
/** Microsoft's own type description (shared spec), read independently of the generated data file. */
const METADATA = JSON.parse(readFileSync(new URL('../fixtures/graph-metadata/graph-types.json', import.meta.url), 'utf8')) as Record<
  'v1.0' | 'beta',
  { types: Record<string, { base?: string; props: Record<string, string>; nav: Record<string, string> }>; enums: Record<string, unknown> }
>;

function propsOf(version: 'v1.0' | 'beta', type: string): Record<string, string> {
  const t = METADATA[version].types[type];
  return { ...(t.base ? propsOf(version, t.base) : {}), ...t.props };
}

/** Every key of `value` is a property (or navigation) of `type` in `version`, and every property is present. */
export function expectConforms(version: 'v1.0' | 'beta', type: string, value: unknown, path = type): void {
  if (value === null) return;
  const bare = type.replace(/!$/, '');
  if (bare.startsWith('Collection(')) {
    for (const v of value as unknown[]) expectConforms(version, bare.slice(11, -1), v, `${path}[]`);
    return;
  }
  const t = METADATA[version].types[bare];
  if (!t) return; // primitive or enum
  const obj = value as Record<string, unknown>;
  const concrete = typeof obj['@odata.type'] === 'string' ? (obj['@odata.type'] as string).replace('#microsoft.graph.', '') : bare;
  const props = propsOf(version, concrete);
  const nav = METADATA[version].types[concrete].nav;
  for (const key of Object.keys(obj)) {
    if (key.startsWith('@') || key.includes('@odata.')) continue;
    expect({ path, key, known: key in props || key in nav }).toEqual({ path, key, known: true });
  }
  for (const [name, propType] of Object.entries(props)) {
    if (propType === '?') continue;
    expect({ path, name, present: name in obj }).toEqual({ path, name, present: true });
    expectConforms(version, propType, obj[name], `${path}.${name}`);
  }
}
