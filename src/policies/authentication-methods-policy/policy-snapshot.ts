import type { GraphVersion } from '../../graph/http/base-url.js';
import type { ConfigurationShape } from './policy-document.js';
import { ALL_USERS, BUILT_IN_METHODS, builtInMethod, EXTERNAL_KIND, EXTERNAL_TARGET, EXTERNAL_TYPE, POLICY_DEFAULTS } from './policy-defaults.js';
import type { ConfigurationRow, PolicyRow } from './authentication-methods-policy.repository.js';

type Json = Record<string, unknown>;

/** One configuration as in force: `id` as Graph spells it (`TemporaryAccessPass`, a GUID), its document. */
export interface ConfigurationState {
  readonly id: string;
  readonly kind: string;
  readonly document: Json;
}

/** A tenant's whole policy as in force (defaults where nothing was written): what the cache holds. */
export interface PolicySnapshot {
  readonly version: string;
  readonly lastModifiedAt: Date;
  readonly document: Json;
  readonly configurations: readonly ConfigurationState[];
}

export function buildSnapshot(policy: PolicyRow, rows: readonly ConfigurationRow[]): PolicySnapshot {
  const byKey = new Map(rows.map((r) => [r.id, r]));
  const builtIns = BUILT_IN_METHODS.map((m) => ({ id: m.id, kind: m.id.toLowerCase(), document: byKey.get(m.id.toLowerCase())?.document ?? m.defaults }));
  const externals = rows.filter((r) => r.kind === EXTERNAL_KIND).map((r) => ({ id: r.id, kind: EXTERNAL_KIND, document: r.document }));
  return {
    version: policy.version,
    lastModifiedAt: policy.lastModifiedAt,
    document: { ...POLICY_DEFAULTS, ...policy.document },
    configurations: [...builtIns, ...externals],
  };
}

/** The configuration's type in a version, or undefined when that version has no such type (HardwareOath on v1.0). */
export function shapeOf(state: Pick<ConfigurationState, 'kind'>, version: GraphVersion): ConfigurationShape | undefined {
  if (state.kind === EXTERNAL_KIND) return { kind: EXTERNAL_KIND, type: EXTERNAL_TYPE, targetType: EXTERNAL_TARGET[version] };
  const m = builtInMethod(state.kind);
  if (!m || !m.versions.includes(version)) return undefined;
  return { kind: state.kind, type: m.type, targetType: m.targetType[version] };
}

export function configuration(snapshot: PolicySnapshot, kind: string): ConfigurationState {
  return snapshot.configurations.find((c) => c.kind === kind)!;
}

const sameId = (a: unknown, b: string) => typeof a === 'string' && a.toLowerCase() === b.toLowerCase();

/** `all_users` or the user's own id: the targets that name a user (group ids name nobody yet). */
const names = (target: Json, userId: string) => target.id === ALL_USERS || sameId(target.id, userId);

/**
 * Whether a configuration applies to a user (DECISIONS §8): enabled, the user in `includeTargets`
 * (`all_users`, or their id; `accept` narrows which include entries count), and not in `excludeTargets`
 * (`all_users` there excludes everyone, as it includes everyone in `includeTargets`).
 * Group ids are stored and match nobody: this service has no groups yet.
 */
export function appliesTo(state: ConfigurationState, userId: string, accept: (target: Json) => boolean = () => true): boolean {
  const doc = state.document;
  if (doc.state !== 'enabled') return false;
  const excluded = ((doc.excludeTargets as Json[] | null) ?? []).some((t) => names(t, userId));
  if (excluded) return false;
  return ((doc.includeTargets as Json[] | null) ?? []).some((t) => names(t, userId) && accept(t));
}
