import { randomUUID } from 'node:crypto';
import type { TestApp } from './app.js';
import { call, type JsonResponse } from './http.js';
import { application } from './tokens.js';

export const CA = '/identity/conditionalAccess';
export const WRITE = ['Policy.ReadWrite.ConditionalAccess'];

/** An app token with CA write access for a tenant of its own (each test starts empty). */
export const freshTenant = (t: TestApp) => application(t, WRITE, { tenantId: randomUUID() });

export function expectGraphError(res: JsonResponse, status: number, code: string, message?: RegExp) {
  expect({ status: res.status, code: res.body?.error?.code }).toEqual({ status, code });
  if (message) expect(res.body.error.message).toMatch(message);
}

export const ipLocationBody = (extra: Record<string, unknown> = {}) => ({
  '@odata.type': '#microsoft.graph.ipNamedLocation',
  displayName: 'Office',
  isTrusted: false,
  ipRanges: [{ '@odata.type': '#microsoft.graph.iPv4CidrRange', cidrAddress: '12.34.221.11/22' }],
  ...extra,
});

export const countryLocationBody = (extra: Record<string, unknown> = {}) => ({
  '@odata.type': '#microsoft.graph.countryNamedLocation',
  displayName: 'Named location with unknown countries and regions',
  countriesAndRegions: ['US', 'GB'],
  includeUnknownCountriesAndRegions: true,
  ...extra,
});

export const policyBody = (
  extra: { locations?: string[]; strength?: string; contexts?: string[]; users?: string[]; state?: string; displayName?: string } = {},
) => ({
  displayName: extra.displayName ?? `Policy ${randomUUID().slice(0, 8)}`,
  state: extra.state ?? 'enabled',
  conditions: {
    clientAppTypes: ['all'],
    applications: extra.contexts ? { includeAuthenticationContextClassReferences: extra.contexts } : { includeApplications: ['All'] },
    users: { includeUsers: extra.users ?? ['All'] },
    ...(extra.locations ? { locations: { includeLocations: extra.locations } } : {}),
  },
  grantControls: extra.strength ? { operator: 'OR', authenticationStrength: { id: extra.strength } } : { operator: 'OR', builtInControls: ['mfa'] },
});

/** Creates an object and answers its id (fails the test unless 201). */
export async function create(t: TestApp, token: string, path: string, body: unknown): Promise<string> {
  const res = await call(t, 'POST', path, { token, body });
  expect({ path, status: res.status, error: res.body?.error }).toEqual({ path, status: 201, error: undefined });
  return res.body.id as string;
}
