import { readFile } from 'node:fs/promises';
import { GraphException } from '../graph/errors/graph.exception.js';
import { StsError } from '../identity-platform/errors/sts-error.js';

/** One bad seed file or entry: its message is the one line the start fails with. */
export class SeedError extends Error {}

type Json = Record<string, unknown>;

/** The kinds of a tenant entry, in the order they are loaded (a policy may name a context, a location, a strength). */
export const SEED_LISTS = [
  'users',
  'applications',
  'authenticationContextClassReferences',
  'namedLocations',
  'authenticationStrengthPolicies',
  'conditionalAccessPolicies',
  'authenticationMethodConfigurations',
] as const;
export type SeedList = (typeof SEED_LISTS)[number];

export interface SeedTenant {
  readonly id: string;
  readonly lists: Readonly<Record<SeedList, readonly Json[]>>;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** `SEED_FILE tenants[0].users[2].userPrincipalName: message` */
export function seedError(path: string, message: string): SeedError {
  return new SeedError(`SEED_FILE ${path}: ${message.split('\n')[0]}`);
}

/**
 * The error of one entry, as one line: a Graph validation error names its property ('...property 'x'...'), which
 * is appended to the entry's path; a value that is not the service's own error is not described beyond its message.
 */
export function entryError(path: string, e: unknown): SeedError {
  if (e instanceof SeedError) return e;
  if (e instanceof GraphException || e instanceof StsError || e instanceof Error) {
    const property = /propert(?:y|ies) '([^']+)'/.exec(e.message)?.[1];
    const at = property && /^[\w@.#-]+$/.test(property) ? `${path}.${property}` : path;
    const code = e instanceof GraphException ? `${e.code}: ` : '';
    return seedError(at, `${code}${e.message}`);
  }
  return seedError(path, String(e));
}

/** Reads and checks the file's structure (every key known, every list a list of objects, tenant ids GUIDs). */
export async function readSeedFile(file: string): Promise<SeedTenant[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new SeedError(`SEED_FILE ${file}: cannot be read (${code ?? (e as Error).message})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new SeedError(`SEED_FILE ${file}: not valid JSON (${(e as Error).message.split('\n')[0]})`);
  }
  return parseSeed(json);
}

export function parseSeed(json: unknown): SeedTenant[] {
  if (!isObject(json)) throw seedError('(root)', 'must be a JSON object with a "tenants" list');
  for (const key of Object.keys(json)) if (key !== 'tenants' && key !== '$schema') throw seedError(key, 'unknown key (expected "tenants")');
  if (!Array.isArray(json.tenants)) throw seedError('tenants', 'must be a list of tenants');
  const seen = new Set<string>();
  return json.tenants.map((tenant, i) => {
    const at = `tenants[${i}]`;
    if (!isObject(tenant)) throw seedError(at, 'must be an object');
    for (const key of Object.keys(tenant)) {
      if (key !== 'id' && !(SEED_LISTS as readonly string[]).includes(key)) {
        throw seedError(`${at}.${key}`, `unknown key (expected id, ${SEED_LISTS.join(', ')})`);
      }
    }
    if (typeof tenant.id !== 'string' || !GUID.test(tenant.id)) throw seedError(`${at}.id`, 'must be the tenant id (a GUID)');
    const id = tenant.id.toLowerCase();
    if (seen.has(id)) throw seedError(`${at}.id`, `tenant ${id} is listed twice`);
    seen.add(id);
    const lists = Object.fromEntries(
      SEED_LISTS.map((name) => {
        const list = tenant[name] ?? [];
        if (!Array.isArray(list)) throw seedError(`${at}.${name}`, 'must be a list');
        list.forEach((entry, j) => {
          if (!isObject(entry)) throw seedError(`${at}.${name}[${j}]`, "must be an object (the body of Graph's create call)");
        });
        return [name, list as Json[]];
      }),
    ) as Record<SeedList, Json[]>;
    return { id, lists };
  });
}

export function optionalGuid(path: string, value: unknown): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string' || !GUID.test(value)) throw seedError(path, 'must be a GUID');
  return value.toLowerCase();
}

export function stringList(path: string, value: unknown): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string' && v.length > 0)) throw seedError(path, 'must be a list of names');
  return value as string[];
}

/** The entry without the seed-only keys (what Graph's create call receives). */
export function without(entry: Json, keys: readonly string[]): Json {
  return Object.fromEntries(Object.entries(entry).filter(([k]) => !keys.includes(k)));
}
