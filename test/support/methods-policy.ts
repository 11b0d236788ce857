import type { TestApp } from './app.js';
import { call } from './http.js';
import { application, TENANT_A } from './tokens.js';

export const METHODS_POLICY = '/policies/authenticationMethodsPolicy';
export const CONFIGURATIONS = `${METHODS_POLICY}/authenticationMethodConfigurations`;
export const TAP_TYPE = '#microsoft.graph.temporaryAccessPassAuthenticationMethodConfiguration';
export const SMS_TYPE = '#microsoft.graph.smsAuthenticationMethodConfiguration';

/** An Authentication Policy Administrator's app (Policy.ReadWrite.AuthenticationMethod) in a tenant. */
export const policyAdmin = (t: TestApp, tenantId = TENANT_A) => application(t, ['Policy.ReadWrite.AuthenticationMethod'], { tenantId });

/** PATCHes one configuration as a client would (204 expected). */
export async function patchConfiguration(t: TestApp, id: string, body: Record<string, unknown>, tenantId = TENANT_A): Promise<void> {
  const res = await call(t, 'PATCH', `/v1.0${CONFIGURATIONS}/${id}`, { token: policyAdmin(t, tenantId), body });
  if (res.status !== 204) throw new Error(`PATCH ${id} failed: ${res.status} ${JSON.stringify(res.body)}`);
}

/**
 * Enables Temporary Access Pass for every user of the tenant (a new tenant has it disabled, like Entra),
 * through the policy's PATCH route, as a real client would; `settings` are the configuration's own.
 */
export async function enableTap(t: TestApp, settings: Record<string, unknown> = {}, tenantId = TENANT_A): Promise<void> {
  await patchConfiguration(
    t,
    'TemporaryAccessPass',
    { '@odata.type': TAP_TYPE, state: 'enabled', includeTargets: [{ id: 'all_users', targetType: 'group', isRegistrationRequired: false }], ...settings },
    tenantId,
  );
}
