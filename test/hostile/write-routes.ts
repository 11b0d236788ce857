import type { TestApp } from '../support/app.js';
import { handlerRoutes } from '../support/handler-routes.js';

export interface WriteRoute {
  method: 'POST' | 'PATCH' | 'PUT';
  /** As declared, e.g. `/v1.0/users/:user/authentication/phoneMethods/:methodId`. */
  pattern: string;
}

/** Every POST/PATCH/PUT handler the application serves, read from Nest's route metadata. */
export function writeRoutes(t: TestApp): WriteRoute[] {
  const routes = new Map<string, WriteRoute>();
  for (const { method, pattern } of handlerRoutes(t)) {
    if (method === 'POST' || method === 'PATCH' || method === 'PUT') routes.set(`${method} ${pattern}`, { method, pattern });
  }
  return [...routes.values()].sort((a, b) => `${a.method} ${a.pattern}`.localeCompare(`${b.method} ${b.pattern}`));
}
