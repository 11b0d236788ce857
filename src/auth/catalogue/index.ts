import { distance } from 'fastest-levenshtein';
import { BUILTIN_ROLES } from './builtin-roles.js';
import { GRAPH_PERMISSIONS, OIDC_SCOPES } from './graph-permissions.js';
import { GUID_PATTERN as GUID } from '../../graph/odata/literals.js';

const PERMISSIONS = new Map([...GRAPH_PERMISSIONS, ...OIDC_SCOPES].map((p) => [p.toLowerCase(), p]));
const ROLES_BY_NAME = new Map(Object.entries(BUILTIN_ROLES).map(([name, id]) => [name.toLowerCase(), { name, id }]));
const ROLE_IDS = new Set(Object.values(BUILTIN_ROLES));

/** A name the catalogue does not know, with the closest ones it does (for "did you mean"). */
export class UnknownNameError extends Error {}

/** Up to three known names nearest to `input`: names it begins, else the closest by case-insensitive edit distance. */
function nearest(input: string, known: Iterable<string>): string[] {
  const lower = input.toLowerCase();
  const all = [...known];
  const prefixed = all.filter((k) => k.toLowerCase().startsWith(lower)).sort((a, b) => a.length - b.length || a.localeCompare(b));
  if (lower.length >= 4 && prefixed.length) return prefixed.slice(0, 3);
  const limit = Math.max(2, Math.floor(lower.length / 4));
  const scored = all.map((k) => ({ k, d: distance(lower, k.toLowerCase()) })).filter((x) => x.d <= limit);
  const best = Math.min(...scored.map((x) => x.d));
  return scored
    .filter((x) => x.d === best)
    .map((x) => x.k)
    .sort((a, b) => a.localeCompare(b))
    .slice(0, 3);
}

const didYouMean = (options: string[]) => (options.length ? ` Did you mean ${options.map((o) => `"${o}"`).join(' or ')}?` : '');

/** The Graph permission (or OpenID scope) as Graph spells it; throws UnknownNameError for a name Graph lacks. */
export function canonicalPermission(name: string, flag: string): string {
  const known = PERMISSIONS.get(name.toLowerCase());
  if (known) return known;
  throw new UnknownNameError(`${flag}: "${name}" is not a Microsoft Graph permission.${didYouMean(nearest(name, PERMISSIONS.values()))}`);
}

/** A built-in directory role's template id, from its name (any case) or its id. */
export function directoryRoleId(nameOrId: string): string {
  if (GUID.test(nameOrId) && ROLE_IDS.has(nameOrId.toLowerCase())) return nameOrId.toLowerCase();
  const known = ROLES_BY_NAME.get(nameOrId.toLowerCase().replace(/\s+/g, ' ').trim());
  if (known) return known.id;
  throw new UnknownNameError(
    `--role: "${nameOrId}" is not a Microsoft Entra built-in role name or template id.` + didYouMean(nearest(nameOrId, Object.keys(BUILTIN_ROLES))),
  );
}
