import ipaddr from 'ipaddr.js';
import { GraphErrors } from '../../graph/errors/graph.exception.js';
import type { ClientAppType, DevicePlatform } from '../evaluation/sign-in-evaluation.js';

/** The parts of a What If body (`conditionalAccessRoot: evaluate`, beta) the evaluator uses, validated. */
export interface WhatIfRequest {
  /** `userSignIn.userId`; undefined for a `servicePrincipalSignIn` (no user condition matches it). */
  userId?: string;
  /** `applicationContext.includeApplications`; `[]` for an `authContext`. */
  applications: string[];
  /** `authContext.authenticationContextValue`. */
  contexts: string[];
  clientAppType: ClientAppType;
  platform?: DevicePlatform;
  ipAddress?: string;
  country?: string;
  userRiskLevel?: string;
  signInRiskLevel?: string;
  transferMethod?: string;
  appliedPoliciesOnly: boolean;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const CLIENT_APP_TYPES: ClientAppType[] = ['browser', 'mobileAppsAndDesktopClients', 'exchangeActiveSync', 'other'];
const PLATFORMS: DevicePlatform[] = ['android', 'iOS', 'windows', 'windowsPhone', 'macOS', 'linux'];
const RISK = ['low', 'medium', 'high', 'hidden', 'none'];
const TRANSFER = ['deviceCodeFlow', 'authenticationTransfer'];
const TOP = ['signInIdentity', 'signInContext', 'signInConditions', 'appliedPoliciesOnly'];
const CONDITIONS = [
  'devicePlatform',
  'clientAppType',
  'signInRiskLevel',
  'userRiskLevel',
  'servicePrincipalRiskLevel',
  'agentIdRiskLevel',
  'country',
  'ipAddress',
  'insiderRiskLevel',
  'authenticationFlow',
  'deviceInfo',
];

const bad = (m: string) => GraphErrors.badRequest(m);
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const odataType = (v: Record<string, unknown>) => (typeof v['@odata.type'] === 'string' ? v['@odata.type'].replace(/^#?(microsoft\.graph\.)?/, '') : undefined);

/** Absent is unknown; `null` is refused like any other value of the wrong type (omit what is not known). */
function present(o: Record<string, unknown>, name: string, where: string): boolean {
  if (o[name] === null) throw bad(`'${where}${name}' cannot be null; omit it when it is not known.`);
  return o[name] !== undefined;
}

function member<T extends string>(o: Record<string, unknown>, name: string, allowed: readonly T[]): T | undefined {
  if (!present(o, name, '')) return undefined;
  const v = o[name];
  const found = typeof v === 'string' ? allowed.find((a) => a.toLowerCase() === v.toLowerCase()) : undefined;
  if (!found) throw bad(`Invalid value for '${name}': expected one of ${allowed.join(', ')}.`);
  return found;
}

function unknownKeys(o: Record<string, unknown>, known: string[], where: string) {
  const extra = Object.keys(o).filter((k) => !k.startsWith('@odata.') && !known.includes(k));
  if (extra.length) throw bad(`The property '${extra[0].slice(0, 64)}' does not exist on type '${where}'.`);
}

/** Graph's body → the evaluator's terms; `400 BadRequest` for anything missing, mistyped or unknown. */
export function parseWhatIfRequest(body: unknown): WhatIfRequest {
  if (!isObject(body)) throw bad('The request body must be a JSON object.');
  unknownKeys(body, TOP, 'microsoft.graph.evaluate');
  const identity = body.signInIdentity;
  const context = body.signInContext;
  const conditions = body.signInConditions;
  if (!isObject(identity)) throw bad("'signInIdentity' is required: a userSignIn or servicePrincipalSignIn object.");
  if (!isObject(context)) throw bad("'signInContext' is required: an applicationContext or authContext object.");
  if (!isObject(conditions)) throw bad("'signInConditions' is required: a signInConditions object.");
  const appliedPoliciesOnly = present(body, 'appliedPoliciesOnly', '') ? body.appliedPoliciesOnly : false;
  if (typeof appliedPoliciesOnly !== 'boolean') throw bad("'appliedPoliciesOnly' must be a Boolean.");

  let userId: string | undefined;
  switch (odataType(identity)) {
    case 'userSignIn':
      unknownKeys(identity, ['userId', 'externalTenantId', 'externalUserType'], 'microsoft.graph.userSignIn');
      // Guests and external users are not modelled (every user here is a member): these are checked, not used.
      for (const name of ['externalTenantId', 'externalUserType']) {
        const v = identity[name];
        if (v !== undefined && (typeof v !== 'string' || !/^[\w,.-]{1,128}$/.test(v))) throw bad(`'signInIdentity.${name}' is not valid.`);
      }
      if (typeof identity.userId !== 'string' || !GUID.test(identity.userId)) throw bad("'signInIdentity.userId' must be a user's object id (a GUID).");
      userId = identity.userId.toLowerCase();
      break;
    case 'servicePrincipalSignIn':
      unknownKeys(identity, ['servicePrincipalId'], 'microsoft.graph.servicePrincipalSignIn');
      if (typeof identity.servicePrincipalId !== 'string' || !GUID.test(identity.servicePrincipalId)) {
        throw bad("'signInIdentity.servicePrincipalId' must be a GUID.");
      }
      break;
    default:
      throw bad("'signInIdentity' needs an '@odata.type' of '#microsoft.graph.userSignIn' or '#microsoft.graph.servicePrincipalSignIn'.");
  }

  let applications: string[] = [];
  let contexts: string[] = [];
  switch (odataType(context)) {
    case 'applicationContext': {
      unknownKeys(context, ['includeApplications'], 'microsoft.graph.applicationContext');
      const apps = context.includeApplications;
      if (!Array.isArray(apps) || apps.length === 0 || apps.length > 100 || apps.some((a) => typeof a !== 'string' || !/^[\w.-]{1,64}$/.test(a))) {
        throw bad("'signInContext.includeApplications' must be a non-empty array of application ids.");
      }
      applications = apps as string[];
      break;
    }
    case 'authContext': {
      unknownKeys(context, ['authenticationContextValue'], 'microsoft.graph.authContext');
      const v = context.authenticationContextValue;
      if (typeof v !== 'string' || !/^c([1-9]|[1-9][0-9])$/.test(v))
        throw bad("'signInContext.authenticationContextValue' must be an authentication context id (c1 to c99).");
      contexts = [v];
      break;
    }
    default:
      throw bad("'signInContext' needs an '@odata.type' of '#microsoft.graph.applicationContext' or '#microsoft.graph.authContext'.");
  }

  unknownKeys(conditions, CONDITIONS, 'microsoft.graph.signInConditions');
  for (const name of CONDITIONS) present(conditions, name, 'signInConditions.');
  const ip = conditions.ipAddress;
  if (ip !== undefined && (typeof ip !== 'string' || !ipaddr.isValid(ip))) throw bad("'signInConditions.ipAddress' must be an IPv4 or IPv6 address.");
  const country = conditions.country;
  if (country !== undefined && (typeof country !== 'string' || !/^[A-Za-z]{2}$/.test(country))) {
    throw bad("'signInConditions.country' must be a two-letter country code.");
  }
  const flow = conditions.authenticationFlow;
  if (flow !== undefined && !isObject(flow)) throw bad("'signInConditions.authenticationFlow' must be an object.");
  if (isObject(flow)) unknownKeys(flow, ['transferMethod'], 'microsoft.graph.authenticationFlow');
  const device = conditions.deviceInfo;
  if (device !== undefined && !isObject(device)) throw bad("'signInConditions.deviceInfo' must be an object (it is not evaluated: no device is known here).");
  for (const name of ['servicePrincipalRiskLevel', 'agentIdRiskLevel', 'insiderRiskLevel']) {
    const v = conditions[name];
    if (v !== undefined && (typeof v !== 'string' || !/^[A-Za-z]{1,32}$/.test(v))) throw bad(`'signInConditions.${name}' must be a member of its enumeration.`);
  }
  return {
    userId,
    applications,
    contexts,
    // Without a client app type we evaluate as a browser sign-in (the What If tool's default in the portal).
    clientAppType: member(conditions, 'clientAppType', CLIENT_APP_TYPES) ?? 'browser',
    platform: member(conditions, 'devicePlatform', PLATFORMS),
    ipAddress: typeof ip === 'string' ? ip : undefined,
    country: typeof country === 'string' ? country.toUpperCase() : undefined,
    userRiskLevel: member(conditions, 'userRiskLevel', RISK),
    signInRiskLevel: member(conditions, 'signInRiskLevel', RISK),
    transferMethod: isObject(flow) ? member(flow, 'transferMethod', TRANSFER) : undefined,
    appliedPoliciesOnly,
  };
}
