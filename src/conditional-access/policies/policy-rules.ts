import { BUILT_IN_ROLE_TEMPLATE_IDS } from '../references/built-in-roles.js';
import { CA_ERROR, caError } from '../schema/ca-errors.js';
import type { GraphVersion } from '../schema/document-schema.js';
import type { PolicyDocument } from './policy-document.js';
import { GUID_PATTERN as GUID } from '../../graph/odata/literals.js';

type JsonObject = Record<string, unknown>;
export const ACCR_ID = /^c([1-9]|1[0-9]|2[0-5])$/;
const USER_ACTIONS = ['urn:user:registersecurityinfo', 'urn:user:registerdevice'];

/** Keywords each id list accepts besides GUIDs (graph-spec-ca-root §1.2), in Graph's spelling. */
const KEYWORDS: Record<string, string[]> = {
  'users.includeUsers': ['All', 'None', 'GuestsOrExternalUsers'],
  'users.excludeUsers': ['GuestsOrExternalUsers'],
  'users.includeGroups': [],
  'users.excludeGroups': [],
  'applications.includeApplications': ['All', 'None', 'Office365', 'MicrosoftAdminPortals'],
  'applications.excludeApplications': ['Office365', 'MicrosoftAdminPortals'],
  'clientApplications.includeServicePrincipals': ['ServicePrincipalsInMyTenant'],
  'clientApplications.excludeServicePrincipals': [],
  'clientApplications.includeAgentIdServicePrincipals': ['All'],
  'clientApplications.excludeAgentIdServicePrincipals': [],
  'locations.includeLocations': ['All', 'AllTrusted'],
  'locations.excludeLocations': ['All', 'AllTrusted'],
};
const BETA_KEYWORDS: Record<string, string[]> = { 'users.includeUsers': ['AllAgentIdUsers'] };

/**
 * The semantic rules of graph-spec-ca-root §1.7 (rules 4–9 and 11) on a normalised policy, in place: id
 * keywords are rewritten to Graph's spelling. Reference existence (rule 10) needs the database: the service.
 */
export function validatePolicy(doc: PolicyDocument, version: GraphVersion): void {
  const c = doc.conditions;
  canonicaliseIds(c, version);
  checkTargets(c);
  checkUsers(c);
  if (!arr(c.clientAppTypes).length) {
    throw caError(CA_ERROR.noClientAppTypes, "'conditions.clientAppTypes' must contain at least one client app type.");
  }
  checkFilters(c);
  checkControls(doc);
  checkSignInFrequency(doc.sessionControls);
}

function checkTargets(c: JsonObject): void {
  const apps = obj(c.applications);
  if (!apps) {
    throw caError(CA_ERROR.noApplicationTarget, "'conditions.applications' is required.");
  }
  const kinds = ['includeApplications', 'includeUserActions', 'includeAuthenticationContextClassReferences'].filter((k) => arr(apps[k]).length > 0);
  if (kinds.length === 0) {
    throw caError(
      CA_ERROR.noApplicationTarget,
      "'applications' condition must include one of 'includeApplications', 'includeUserActions' or " + "'includeAuthenticationContextClassReferences'.",
    );
  }
  if (kinds.length > 1) {
    throw caError(
      CA_ERROR.applicationsConflict,
      "'applications' condition cannot include both 'includeApplications' and 'includeUserActions'/'includeProtectionLevels'. " +
        'Please remove one of the conditions.',
    );
  }
  const bad = arr(apps.includeUserActions).filter((a) => !USER_ACTIONS.includes(String(a).toLowerCase()));
  if (bad.length) {
    throw caError(CA_ERROR.userAction, `'includeUserActions' contains unsupported user actions: ${bad.join(', ')}.`);
  }
  apps.includeUserActions = arr(apps.includeUserActions).map((a) => String(a).toLowerCase());
  const contexts = arr(apps.includeAuthenticationContextClassReferences).filter((x) => !ACCR_ID.test(String(x)));
  if (contexts.length) {
    throw caError(CA_ERROR.unknownContext, `'includeAuthenticationContextClassReferences' must name contexts c1 to c25: ${contexts.join(', ')}.`);
  }
}

function checkUsers(c: JsonObject): void {
  const users = obj(c.users);
  const clients = obj(c.clientApplications);
  const userTarget =
    !!users && (['includeUsers', 'includeGroups', 'includeRoles'].some((k) => arr(users[k]).length > 0) || users.includeGuestsOrExternalUsers != null);
  const clientTarget = !!clients && ['includeServicePrincipals', 'includeAgentIdServicePrincipals'].some((k) => arr(clients[k]).length > 0);
  if (!userTarget && !clientTarget) {
    throw caError(CA_ERROR.noUserTarget, 'A policy must include users (conditions.users) or workload identities (conditions.clientApplications).');
  }
  if (!users) return;
  const bad = [...arr(users.includeRoles), ...arr(users.excludeRoles)].filter((r) => !BUILT_IN_ROLE_TEMPLATE_IDS.has(String(r).toLowerCase()));
  if (bad.length) throw caError(CA_ERROR.nonBuiltInRoles, `'users' condition contains non-built in role ids: ${bad.join(', ')}.`);
  users.includeRoles = arr(users.includeRoles).map((r) => String(r).toLowerCase());
  users.excludeRoles = arr(users.excludeRoles).map((r) => String(r).toLowerCase());
  for (const side of ['include', 'exclude']) {
    if (arr(users[`${side}Users`]).includes('GuestsOrExternalUsers') && users[`${side}GuestsOrExternalUsers`] != null) {
      throw caError(CA_ERROR.guestsCombined, `'${side}Users' cannot contain 'GuestsOrExternalUsers' together with '${side}GuestsOrExternalUsers'.`);
    }
  }
}

function checkFilters(c: JsonObject): void {
  const filters = [
    obj(c.applications)?.applicationFilter,
    obj(c.devices)?.deviceFilter,
    obj(c.clientApplications)?.servicePrincipalFilter,
    obj(c.clientApplications)?.agentIdServicePrincipalFilter,
  ];
  for (const f of filters) {
    const rule = obj(f)?.rule;
    if (f != null && (typeof rule !== 'string' || rule.trim() === '' || rule.length > 3072)) {
      throw caError(CA_ERROR.filterRule, "A filter's 'rule' must be a non-empty expression of at most 3072 characters.");
    }
  }
}

function checkControls(doc: PolicyDocument): void {
  const g = doc.grantControls;
  const builtIn = g ? arr(g.builtInControls).map(String) : [];
  const strength = g?.authenticationStrength != null;
  const grantCount = builtIn.length + (g ? arr(g.customAuthenticationFactors).length + arr(g.termsOfUse).length : 0) + (strength ? 1 : 0);
  const s = doc.sessionControls;
  const sessionCount = s ? Object.entries(s).filter(([k, v]) => v != null && !(k === 'disableResilienceDefaults' && v === false)).length : 0;
  if (grantCount === 0 && sessionCount === 0) {
    throw caError(CA_ERROR.noControls, 'A policy must have at least one grant control or session control.');
  }
  if (!g) return;
  if (g.operator != null && g.operator !== 'AND' && g.operator !== 'OR') {
    throw caError(CA_ERROR.operator, "'grantControls.operator' must be 'AND' or 'OR'.");
  }
  if (grantCount > 1 && g.operator == null) {
    throw caError(CA_ERROR.operator, "'grantControls.operator' is required when more than one grant control is given.");
  }
  if (builtIn.includes('mfa') && strength) {
    throw caError(CA_ERROR.strengthWithMfa, 'Authentication strengths cannot be used alongside the MFA built-in control.');
  }
  const combo = (message: string) => caError(CA_ERROR.grantCombination, message);
  if (builtIn.includes('block') && grantCount > 1) throw combo("'block' cannot be combined with other grant controls.");
  const pwd = builtIn.includes('passwordChange');
  const remediation = builtIn.includes('riskRemediation');
  if (pwd && remediation) throw combo("'passwordChange' and 'riskRemediation' cannot be used together.");
  if (pwd && !(builtIn.includes('mfa') && g.operator === 'AND')) {
    throw combo("'passwordChange' must be combined with 'mfa' under the 'AND' operator.");
  }
  if (remediation && !(strength && g.operator === 'AND')) {
    throw combo("'riskRemediation' must be combined with an authentication strength under the 'AND' operator.");
  }
  if (pwd || remediation) checkRiskOnlyConditions(doc.conditions, pwd ? 'passwordChange' : 'riskRemediation');
}

/** passwordChange / riskRemediation: user risk, all applications, no exclusions, no other conditions. */
function checkRiskOnlyConditions(c: JsonObject, control: string): void {
  const apps = obj(c.applications)!;
  const allApps = arr(apps.includeApplications).length === 1 && arr(apps.includeApplications)[0] === 'All';
  const others =
    ['platforms', 'locations', 'devices', 'clientApplications', 'authenticationFlows', 'deviceStates'].some((k) => c[k] != null) ||
    ['signInRiskLevels', 'servicePrincipalRiskLevels'].some((k) => arr(c[k]).length > 0) ||
    c.insiderRiskLevels != null ||
    arr(c.clientAppTypes).some((t) => t !== 'all');
  if (!arr(c.userRiskLevels).length || !allApps || arr(apps.excludeApplications).length > 0 || others) {
    throw caError(
      CA_ERROR.grantCombination,
      `'${control}' requires a policy on user risk levels that targets all applications with no exclusions and no other conditions.`,
    );
  }
}

function checkSignInFrequency(s: JsonObject | null): void {
  const f = obj(s?.signInFrequency);
  if (!f || f.isEnabled !== true) return;
  const bad = (m: string) => caError(CA_ERROR.signInFrequency, m);
  if (f.frequencyInterval === 'everyTime') {
    if (f.value != null || f.type != null) throw bad("With 'frequencyInterval' 'everyTime', 'value' and 'type' must be null.");
    return;
  }
  if (typeof f.value !== 'number' || f.type == null) {
    throw bad("A time-based sign-in frequency needs both 'value' and 'type'.");
  }
  const max = f.type === 'hours' ? 23 : 365;
  if (f.value < 1 || f.value > max) throw bad(`Sign-in frequency in ${f.type} must be between 1 and ${max}.`);
}

/** GUIDs lower-cased, keywords in Graph's spelling; anything else is 1911. */
function canonicaliseIds(c: JsonObject, version: GraphVersion): void {
  for (const [path, keywords] of Object.entries(KEYWORDS)) {
    const [part, prop] = path.split('.');
    const holder = obj(c[part]);
    if (!holder || !Array.isArray(holder[prop])) continue;
    const allowed = [...keywords, ...(version === 'beta' ? (BETA_KEYWORDS[path] ?? []) : [])];
    holder[prop] = (holder[prop] as unknown[]).map((v) => {
      const s = String(v);
      if (GUID.test(s)) return s.toLowerCase();
      const keyword = allowed.find((k) => k.toLowerCase() === s.toLowerCase());
      if (keyword) return keyword;
      throw caError(CA_ERROR.badIdentifier, `'conditions.${path}' contains '${s}', which is neither an id nor one of: ${allowed.join(', ') || '(none)'}.`);
    });
  }
}

function arr(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

function obj(v: unknown): JsonObject | undefined {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as JsonObject) : undefined;
}
