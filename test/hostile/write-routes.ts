import type { TestApp } from '../support/app.js';
import { handlerRoutes } from '../support/handler-routes.js';

export interface WriteRoute {
  method: 'POST' | 'PATCH' | 'PUT';
  /** As declared, e.g. `/v1.0/users/:user/authentication/phoneMethods/:methodId`. */
  pattern: string;
}

/**
 * The identity platform's form-posted endpoints answer in Entra's shape, not Graph's JSON envelope: their hostile
 * bodies are judged in test/identity-platform-token.e2e-spec.ts and the sign-in page's (`/:tenant/login`) in
 * test/identity-platform-authorize.e2e-spec.ts.
 */
const FORM_ROUTES = /^\/:tenant\/(?:oauth2\/|login$)/;

/** Every POST/PATCH/PUT handler of the Graph JSON surface, read from Nest's route metadata. */
export function writeRoutes(t: TestApp): WriteRoute[] {
  const routes = new Map<string, WriteRoute>();
  for (const { method, pattern } of handlerRoutes(t)) {
    if (FORM_ROUTES.test(pattern)) continue;
    if (method === 'POST' || method === 'PATCH' || method === 'PUT') routes.set(`${method} ${pattern}`, { method, pattern });
  }
  return [...routes.values()].sort((a, b) => `${a.method} ${a.pattern}`.localeCompare(`${b.method} ${b.pattern}`));
}
