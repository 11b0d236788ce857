import { isGuid } from '../../graph/odata/literals.js';
import type { PolicyDocument } from '../policies/policy-document.js';

/** The three built-in strengths (graph-spec-ca-root §3.2): static data, not rows. */
export const BUILT_IN_STRENGTH_IDS: readonly string[] = [
  '00000000-0000-0000-0000-000000000002',
  '00000000-0000-0000-0000-000000000003',
  '00000000-0000-0000-0000-000000000004',
];
/** The "MFA trusted IPs" pseudo-location (ENTRA concept-assignment-network): not a named location. */
export const MFA_TRUSTED_IPS_LOCATION = '00000000-0000-0000-0000-000000000000';

/** What a policy names in other Conditional Access objects: the rows of the reference index. */
export interface PolicyReferences {
  locations: string[];
  contexts: string[];
  /** A custom strength (a row); built-ins are in `builtInStrength`. */
  strength: string | null;
  builtInStrength: string | null;
  template: string | null;
}

export function referencesOf(doc: PolicyDocument): PolicyReferences {
  const c = doc.conditions as Record<string, Record<string, unknown> | null>;
  const locs = [...list(c.locations?.includeLocations), ...list(c.locations?.excludeLocations)];
  const strengthId = (doc.grantControls?.authenticationStrength as { id?: string } | null | undefined)?.id ?? null;
  const builtIn = strengthId !== null && BUILT_IN_STRENGTH_IDS.includes(strengthId);
  return {
    locations: unique(locs.filter((l) => isGuid(l) && l.toLowerCase() !== MFA_TRUSTED_IPS_LOCATION).map((l) => l.toLowerCase())),
    contexts: unique(list(c.applications?.includeAuthenticationContextClassReferences)),
    strength: builtIn ? null : strengthId,
    builtInStrength: builtIn ? strengthId : null,
    template: doc.templateId,
  };
}

function list(v: unknown): string[] {
  return Array.isArray(v) ? v.map(String) : [];
}

function unique(v: string[]): string[] {
  return [...new Set(v)];
}
