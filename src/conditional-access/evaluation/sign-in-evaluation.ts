import ipaddr from 'ipaddr.js';
import { BUILT_IN_STRENGTHS, MFA_COMBINATIONS } from '../authentication-strengths/authentication-strengths.data.js';

type JsonObject = Record<string, unknown>;

/** `conditionalAccessClientApp` values a sign-in can have (the policy side also has `all`, `easSupported`, ...). */
export type ClientAppType = 'browser' | 'mobileAppsAndDesktopClients' | 'exchangeActiveSync' | 'other';

/** `conditionalAccessDevicePlatform` values a sign-in can have. */
export type DevicePlatform = 'android' | 'iOS' | 'windows' | 'windowsPhone' | 'macOS' | 'linux';

/**
 * What one sign-in presents to Conditional Access. `methods` are authentication method modes as the strength
 * combinations name them (`password`, `sms`, `email`, `temporaryAccessPassOneTime`, `temporaryAccessPassMultiUse`,
 * `softwareOath`, `microsoftAuthenticatorPush`, `fido2`, ...): the sign-in page re-runs the evaluation with the
 * larger set after each factor. `amrFor(methods)` derives the token's `amr` claim from them.
 */
export interface SignInInput {
  tenantId: string;
  user: { id: string; roleTemplateIds: readonly string[]; groupIds?: readonly string[] };
  /** The client application (`client_id`). */
  clientAppId: string;
  /** The resource the token is for (Microsoft Graph's app id for our tokens); both ids are targets of the sign-in. */
  resourceAppId?: string;
  /** What If: the applications targeted, instead of the client and resource ids; `[]` targets no application (a context only). */
  targetAppIds?: readonly string[];
  clientAppType: ClientAppType;
  /** The caller's IP address; unknown (undefined) matches no IP location and only unknown-country locations. */
  ipAddress?: string;
  /** Two-letter country; undefined = unknown (we hold no GeoIP data). */
  country?: string;
  /** Authentication contexts (`acrs`) asked for with the `claims` parameter. */
  requestedContexts?: readonly string[];
  platform?: DevicePlatform;
  methods: readonly string[];
  /** Risk levels (What If only); a sign-in has `none`. */
  userRiskLevel?: string;
  signInRiskLevel?: string;
  /** `authenticationFlow.transferMethod` (`deviceCodeFlow`, `authenticationTransfer`), when there is one. */
  transferMethod?: string;
}

/** A policy as loaded for evaluation (the stored document; `grantControls.authenticationStrength` is `{id}`). */
export interface EvaluatedPolicy {
  id: string;
  displayName: string;
  state: string;
  conditions: JsonObject;
  grantControls: JsonObject | null;
  sessionControls: JsonObject | null;
}

export interface EvaluatedLocation {
  id: string;
  kind: 'ip' | 'country';
  isTrusted: boolean;
  document: JsonObject;
}

export interface EvaluatedStrength {
  id: string;
  displayName: string;
  allowedCombinations: readonly string[];
}

/** Everything one evaluation reads, loaded once (`SignInEvaluationRepository.load`). */
export interface EvaluationData {
  policies: readonly EvaluatedPolicy[];
  locations: readonly EvaluatedLocation[];
  /** Custom strengths; the built-ins are added by the evaluator. */
  strengths: readonly EvaluatedStrength[];
}

export type PolicyResult =
  'success' | 'failure' | 'notApplied' | 'notEnabled' | 'reportOnlySuccess' | 'reportOnlyFailure' | 'reportOnlyNotApplied' | 'reportOnlyInterrupted';

/** Graph's beta `appliedConditionalAccessPolicy` (v1.0 has id, displayName, enforced*Controls and result). */
export interface AppliedConditionalAccessPolicy {
  id: string;
  displayName: string;
  enforcedGrantControls: string[];
  enforcedSessionControls: string[];
  result: PolicyResult;
  conditionsSatisfied: string;
  conditionsNotSatisfied: string;
  authenticationStrength: { id: string; displayName: string; allowedCombinations: string[] } | null;
}

/** One enforced policy that more authentication would satisfy: any one of `allowedCombinations` does. */
export interface AuthRequirement {
  policyId: string;
  displayName: string;
  /** `mfa` (the built-in control) or `authenticationStrength`. */
  control: 'mfa' | 'authenticationStrength';
  authenticationStrengthId: string | null;
  allowedCombinations: string[];
}

export interface SignInEvaluation {
  outcome: 'allow' | 'block' | 'needsMoreAuth';
  /** Every entry must be satisfied (policies AND together); within one, any combination does. Empty unless needsMoreAuth. */
  requirements: AuthRequirement[];
  /** Enforced policies that block (a block control or a control that cannot be satisfied here). */
  blockingPolicyIds: string[];
  /** Enforced policies that more authentication would satisfy (Entra's `capolids` in its claims challenge). */
  interruptingPolicyIds: string[];
  /** Requested contexts whose enforced policies all succeeded (the token's `acrs`). */
  satisfiedContexts: string[];
  appliedConditionalAccessPolicies: AppliedConditionalAccessPolicy[];
  conditionalAccessStatus: 'success' | 'failure' | 'notApplied';
  /** Per policy: applies or not and why (What If's `policyApplies` / `analysisReasons`). */
  analysis: { policyId: string; policyApplies: boolean; analysisReasons: string }[];
}

/** Grant controls no sign-in here can satisfy (no device registration, no app protection, no terms of use). */
const UNSATISFIABLE = new Set(['compliantDevice', 'domainJoinedDevice', 'approvedApplication', 'compliantApplication', 'passwordChange', 'riskRemediation']);
const MFA_STRENGTH_ID = '00000000-0000-0000-0000-000000000002';
/** Graph's names of the built-in controls in `enforcedGrantControls`, as sign-in logs show them. */
const CONTROL_NAMES: Record<string, string> = {
  block: 'Block',
  mfa: 'Mfa',
  compliantDevice: 'RequireCompliantDevice',
  domainJoinedDevice: 'RequireDomainJoinedDevice',
  approvedApplication: 'RequireApprovedApp',
  compliantApplication: 'RequireCompliantApp',
  passwordChange: 'RequirePasswordChange',
  riskRemediation: 'RequireRiskRemediation',
};
const SESSION_NAMES: Record<string, string> = {
  applicationEnforcedRestrictions: 'AppEnforcedRestrictions',
  cloudAppSecurity: 'CloudAppSecurity',
  signInFrequency: 'SignInFrequency',
  persistentBrowser: 'PersistentBrowserSessionMode',
  continuousAccessEvaluation: 'ContinuousAccessEvaluation',
  disableResilienceDefaults: 'DisableResilienceDefaults',
  secureSignInSession: 'SecureSignInSession',
};

/** `amr` values (RFC 8176 as Entra uses them) for the methods done in a sign-in. */
export function amrFor(methods: readonly string[]): string[] {
  const amr = new Set<string>();
  for (const m of methods) {
    if (m === 'password') amr.add('pwd');
    else if (m === 'sms') amr.add('sms');
    else if (m === 'voice') amr.add('tel');
    else if (m === 'email' || m === 'softwareOath' || m === 'hardwareOath') amr.add('otp');
    else if (m.startsWith('temporaryAccessPass')) amr.add('pwd');
    else if (m === 'fido2') amr.add('fido');
    else if (m === 'windowsHelloForBusiness') amr.add('wia');
    else if (m === 'microsoftAuthenticatorPush' || m === 'deviceBasedPush') amr.add('rsa');
  }
  if (satisfiesAny(methods, MFA_COMBINATIONS)) amr.add('mfa');
  return [...amr];
}

/** A combination (`password,sms`) is satisfied when every method it names was done in this sign-in. */
export function satisfiesAny(methods: readonly string[], combinations: readonly string[]): boolean {
  const done = new Set(methods);
  return combinations.some((c) => c.split(',').every((m) => done.has(m.trim())));
}

const arr = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
const obj = (v: unknown): JsonObject | null => (v && typeof v === 'object' && !Array.isArray(v) ? (v as JsonObject) : null);
const ci = (list: string[], v: string) => list.some((x) => x.toLowerCase() === v.toLowerCase());

interface ConditionCheck {
  /** `conditionalAccessConditions` flag name and What If `analysisReasons` flag name. */
  flag: string;
  reason: string;
  ok: boolean;
}

/**
 * Evaluates every policy of the tenant against one sign-in. Pure: the same input and data give the same answer.
 * Enforced (`enabled`) policies decide the outcome; report-only ones are recorded with `reportOnly*` results;
 * disabled ones are listed as `notEnabled`.
 */
export function evaluateSignIn(input: SignInInput, data: EvaluationData): SignInEvaluation {
  const strengths = new Map<string, EvaluatedStrength>();
  for (const s of BUILT_IN_STRENGTHS) strengths.set(s.id, { id: s.id, displayName: s.displayName, allowedCombinations: s.allowedCombinations });
  for (const s of data.strengths) strengths.set(s.id, s);
  const requested = [...new Set(input.requestedContexts ?? [])];

  const applied: AppliedConditionalAccessPolicy[] = [];
  const analysis: SignInEvaluation['analysis'] = [];
  const requirements: AuthRequirement[] = [];
  const blocking: string[] = [];
  const interrupting: string[] = [];
  const failedContexts = new Set<string>();
  let anyEnforcedApplied = false;

  for (const p of data.policies) {
    const checks = conditionChecks(p, input, data.locations, requested);
    const applies = checks.every((c) => c.ok);
    const grant = obj(p.grantControls);
    const strengthRef = obj(grant?.authenticationStrength);
    const strength = typeof strengthRef?.id === 'string' ? (strengths.get(strengthRef.id) ?? null) : null;
    const controls = arr(grant?.builtInControls);
    const session = enforcedSessionControls(p.sessionControls);
    const record = (result: PolicyResult, grantEval?: GrantEvaluation): AppliedConditionalAccessPolicy => ({
      id: p.id,
      displayName: p.displayName,
      enforcedGrantControls: [
        ...controls.map((c) => CONTROL_NAMES[c] ?? c),
        ...(strengthRef ? ['RequireAuthenticationStrength'] : []),
        ...arr(grant?.termsOfUse).map(() => 'TermsOfUse'),
      ],
      enforcedSessionControls: session,
      result,
      conditionsSatisfied: flags(checks.filter((c) => c.ok).map((c) => c.flag)),
      conditionsNotSatisfied: flags(checks.filter((c) => !c.ok).map((c) => c.flag)),
      authenticationStrength:
        strength && grantEval ? { id: strength.id, displayName: strength.displayName, allowedCombinations: [...strength.allowedCombinations] } : null,
    });
    analysis.push({
      policyId: p.id,
      policyApplies: p.state !== 'disabled' && applies,
      analysisReasons:
        p.state === 'disabled'
          ? 'policyNotEnabled'
          : applies
            ? 'notSet'
            : flags(
                checks.filter((c) => !c.ok).map((c) => c.reason),
                'notSet',
              ),
    });

    if (p.state === 'disabled') {
      applied.push(record('notEnabled'));
      continue;
    }
    const reportOnly = p.state !== 'enabled';
    if (!applies) {
      applied.push(record(reportOnly ? 'reportOnlyNotApplied' : 'notApplied'));
      continue;
    }
    const g = evaluateGrant(
      p,
      controls,
      strengthRef ? (strength ?? { id: String(strengthRef.id), displayName: '', allowedCombinations: [] }) : null,
      input.methods,
    );
    const contexts = arr(obj(p.conditions.applications)?.includeAuthenticationContextClassReferences).filter((c) => ci(requested, c));
    if (reportOnly) {
      applied.push(record(g.kind === 'satisfied' ? 'reportOnlySuccess' : g.kind === 'needsMoreAuth' ? 'reportOnlyInterrupted' : 'reportOnlyFailure', g));
      continue;
    }
    anyEnforcedApplied = true;
    applied.push(record(g.kind === 'satisfied' ? 'success' : 'failure', g));
    if (g.kind === 'satisfied') continue;
    for (const c of contexts) failedContexts.add(c.toLowerCase());
    if (g.kind === 'block') blocking.push(p.id);
    else {
      interrupting.push(p.id);
      requirements.push({ policyId: p.id, displayName: p.displayName, ...g.requirement });
    }
  }

  const outcome = blocking.length ? 'block' : interrupting.length ? 'needsMoreAuth' : 'allow';
  return {
    outcome,
    requirements: outcome === 'needsMoreAuth' ? requirements : [],
    blockingPolicyIds: blocking,
    interruptingPolicyIds: interrupting,
    satisfiedContexts: outcome === 'allow' ? requested.filter((c) => !failedContexts.has(c.toLowerCase())) : [],
    appliedConditionalAccessPolicies: applied,
    conditionalAccessStatus: !anyEnforcedApplied ? 'notApplied' : outcome === 'allow' ? 'success' : 'failure',
    analysis,
  };
}

type GrantEvaluation = { kind: 'satisfied' } | { kind: 'block' } | { kind: 'needsMoreAuth'; requirement: Omit<AuthRequirement, 'policyId' | 'displayName'> };

/**
 * One policy's grant controls against the methods done: `block` blocks; `mfa` and a strength are satisfied by a
 * combination of done methods; every other control cannot be satisfied here. `OR`: one satisfied control is enough,
 * else more authentication if an authentication control exists, else block. `AND`: all of them.
 * A policy with only session controls succeeds.
 */
function evaluateGrant(p: EvaluatedPolicy, controls: string[], strength: EvaluatedStrength | null, methods: readonly string[]): GrantEvaluation {
  const grant = obj(p.grantControls);
  if (controls.includes('block')) return { kind: 'block' };
  type Control = { satisfied: boolean; requirement?: Omit<AuthRequirement, 'policyId' | 'displayName'> };
  const items: Control[] = [];
  for (const c of controls) {
    if (c === 'mfa') {
      items.push({
        satisfied: satisfiesAny(methods, MFA_COMBINATIONS),
        requirement: { control: 'mfa', authenticationStrengthId: MFA_STRENGTH_ID, allowedCombinations: [...MFA_COMBINATIONS] },
      });
    } else if (UNSATISFIABLE.has(c)) items.push({ satisfied: false });
    else items.push({ satisfied: false }); // an unknown future control: unsatisfiable
  }
  if (strength) {
    items.push({
      satisfied: satisfiesAny(methods, strength.allowedCombinations),
      requirement: { control: 'authenticationStrength', authenticationStrengthId: strength.id, allowedCombinations: [...strength.allowedCombinations] },
    });
  }
  for (const _ of [...arr(grant?.termsOfUse), ...arr(grant?.customAuthenticationFactors)]) items.push({ satisfied: false });
  if (items.length === 0) return { kind: 'satisfied' };
  const operator = grant?.operator === 'AND' ? 'AND' : 'OR';
  if (operator === 'OR') {
    if (items.some((i) => i.satisfied)) return { kind: 'satisfied' };
    const auth = items.filter((i) => i.requirement);
    if (!auth.length) return { kind: 'block' };
    return {
      kind: 'needsMoreAuth',
      requirement: {
        control: auth[0].requirement!.control,
        authenticationStrengthId: auth[0].requirement!.authenticationStrengthId,
        allowedCombinations: [...new Set(auth.flatMap((i) => i.requirement!.allowedCombinations))],
      },
    };
  }
  if (items.some((i) => !i.satisfied && !i.requirement)) return { kind: 'block' };
  const missing = items.filter((i) => !i.satisfied);
  if (!missing.length) return { kind: 'satisfied' };
  // Policy rules allow one authentication control per policy (1108), so AND leaves at most one to satisfy.
  return { kind: 'needsMoreAuth', requirement: missing[0].requirement! };
}

function enforcedSessionControls(session: JsonObject | null): string[] {
  const out: string[] = [];
  for (const [k, v] of Object.entries(session ?? {})) {
    if (v === null || v === undefined || v === false) continue;
    const o = obj(v);
    if (o && o.isEnabled === false) continue;
    out.push(SESSION_NAMES[k] ?? k);
  }
  return out;
}

function flags(names: string[], empty = 'none'): string {
  const unique = [...new Set(names)];
  return unique.length ? unique.join(',') : empty;
}

/** Each configured condition of the policy, satisfied or not (unconfigured conditions are not listed). */
function conditionChecks(p: EvaluatedPolicy, input: SignInInput, locations: readonly EvaluatedLocation[], requested: string[]): ConditionCheck[] {
  const c = p.conditions ?? {};
  const checks: ConditionCheck[] = [];
  const apps = obj(c.applications);
  const targetsContexts = arr(apps?.includeAuthenticationContextClassReferences).length > 0;
  checks.push({
    flag: 'application',
    reason: targetsContexts ? 'authenticationContext' : arr(apps?.includeUserActions).length ? 'userActions' : 'application',
    ok: applicationsMatch(apps, input, requested),
  });
  checks.push({ flag: 'users', reason: 'users', ok: usersMatch(obj(c.users), input) });
  const clientAppTypes = arr(c.clientAppTypes);
  if (clientAppTypes.length && !ci(clientAppTypes, 'all')) {
    checks.push({ flag: 'clientType', reason: 'clientApps', ok: ci(clientAppTypes, input.clientAppType) });
  }
  const platforms = obj(c.platforms);
  if (platforms) checks.push({ flag: 'devicePlatform', reason: 'devicePlatform', ok: platformsMatch(platforms, input.platform) });
  const locs = obj(c.locations);
  if (locs) checks.push({ flag: 'location', reason: 'location', ok: locationsMatch(locs, input, locations) });
  const userRisk = arr(c.userRiskLevels);
  if (userRisk.length) checks.push({ flag: 'userRisk', reason: 'userRisk', ok: ci(userRisk, input.userRiskLevel ?? 'none') });
  const signInRisk = arr(c.signInRiskLevels);
  if (signInRisk.length) checks.push({ flag: 'signInRisk', reason: 'signInRisk', ok: ci(signInRisk, input.signInRiskLevel ?? 'none') });
  const insider = c.insiderRiskLevels;
  if (typeof insider === 'string' && insider.length) checks.push({ flag: 'insiderRisk', reason: 'insiderRisk', ok: false });
  const flows = obj(c.authenticationFlows);
  if (flows && typeof flows.transferMethods === 'string' && flows.transferMethods.length) {
    const methods = flows.transferMethods.split(',').map((s) => s.trim());
    checks.push({ flag: 'authenticationFlows', reason: 'authenticationFlow', ok: !!input.transferMethod && ci(methods, input.transferMethod) });
  }
  const devices = obj(c.devices);
  const filter = obj(devices?.deviceFilter);
  // No device is known at our sign-in: a filter matches nothing, so `include` never applies and `exclude` never excludes.
  if (filter && typeof filter.rule === 'string') checks.push({ flag: 'deviceState', reason: 'devices', ok: filter.mode === 'exclude' });
  if (obj(c.clientApplications) && !obj(c.users)) checks.push({ flag: 'servicePrincipals', reason: 'workloadIdentities', ok: false });
  return checks;
}

function applicationsMatch(apps: JsonObject | null, input: SignInInput, requested: string[]): boolean {
  if (!apps) return false;
  const contexts = arr(apps.includeAuthenticationContextClassReferences);
  if (contexts.length) return contexts.some((c) => ci(requested, c));
  if (arr(apps.includeUserActions).length) return false; // user actions (register security info, ...) are not sign-ins to an app
  const include = arr(apps.includeApplications);
  const exclude = arr(apps.excludeApplications);
  const targets = input.targetAppIds ? [...input.targetAppIds] : [input.clientAppId, ...(input.resourceAppId ? [input.resourceAppId] : [])];
  if (!targets.length || targets.some((t) => ci(exclude, t))) return false;
  return ci(include, 'All') || targets.some((t) => ci(include, t));
}

function usersMatch(users: JsonObject | null, input: SignInInput): boolean {
  if (!users) return false;
  const roles = input.user.roleTemplateIds;
  const groups = input.user.groupIds ?? [];
  const excluded =
    ci(arr(users.excludeUsers), input.user.id) ||
    arr(users.excludeRoles).some((r) => ci([...roles], r)) ||
    arr(users.excludeGroups).some((g) => ci([...groups], g));
  if (excluded) return false;
  // Every user here is a member of the tenant: `GuestsOrExternalUsers` and guest/external conditions match nobody.
  return (
    ci(arr(users.includeUsers), 'All') ||
    ci(arr(users.includeUsers), input.user.id) ||
    arr(users.includeRoles).some((r) => ci([...roles], r)) ||
    arr(users.includeGroups).some((g) => ci([...groups], g))
  );
}

function platformsMatch(platforms: JsonObject, platform: DevicePlatform | undefined): boolean {
  const include = arr(platforms.includePlatforms);
  const exclude = arr(platforms.excludePlatforms);
  if (platform && ci(exclude, platform)) return false;
  if (ci(exclude, 'all')) return false;
  if (ci(include, 'all')) return true;
  return !!platform && ci(include, platform);
}

function locationsMatch(locs: JsonObject, input: SignInInput, locations: readonly EvaluatedLocation[]): boolean {
  const include = arr(locs.includeLocations);
  const exclude = arr(locs.excludeLocations);
  const inLocation = (ref: string): boolean => {
    if (ref === 'All') return true;
    if (ref === 'AllTrusted') return locations.some((l) => l.isTrusted && locationContains(l, input));
    const l = locations.find((x) => x.id.toLowerCase() === ref.toLowerCase());
    return !!l && locationContains(l, input);
  };
  if (exclude.some(inLocation)) return false;
  return include.some(inLocation);
}

/** IP ranges by CIDR (or lower/upper bounds); countries by the sign-in's country, unknown = `includeUnknownCountriesAndRegions`. */
export function locationContains(l: EvaluatedLocation, input: Pick<SignInInput, 'ipAddress' | 'country'>): boolean {
  if (l.kind === 'country') {
    if (!input.country) return l.document.includeUnknownCountriesAndRegions === true;
    return ci(arr(l.document.countriesAndRegions), input.country);
  }
  if (!input.ipAddress || !ipaddr.isValid(input.ipAddress)) return false;
  let addr = ipaddr.parse(input.ipAddress);
  if (addr.kind() === 'ipv6' && (addr as ipaddr.IPv6).isIPv4MappedAddress()) addr = (addr as ipaddr.IPv6).toIPv4Address();
  const ranges = Array.isArray(l.document.ipRanges) ? (l.document.ipRanges as JsonObject[]) : [];
  return ranges.some((r) => {
    try {
      if (typeof r.cidrAddress === 'string') {
        const [net, bits] = ipaddr.parseCIDR(r.cidrAddress);
        return net.kind() === addr.kind() && addr.match([net, bits]);
      }
      if (typeof r.lowerAddress === 'string' && typeof r.upperAddress === 'string') {
        const lo = ipaddr.parse(r.lowerAddress);
        const hi = ipaddr.parse(r.upperAddress);
        if (lo.kind() !== addr.kind()) return false;
        const n = BigInt('0x' + Buffer.from(addr.toByteArray()).toString('hex'));
        const a = BigInt('0x' + Buffer.from(lo.toByteArray()).toString('hex'));
        const b = BigInt('0x' + Buffer.from(hi.toByteArray()).toString('hex'));
        return n >= a && n <= b;
      }
    } catch {
      return false;
    }
    return false;
  });
}
