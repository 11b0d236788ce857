import { applyDecorators, Controller } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { GraphVersion } from './http/base-url.js';

/** A path served by the controller, on every version of the controller or only on some (a beta-only alias). */
export type GraphControllerPath = string | { readonly path: string; readonly versions: readonly GraphVersion[] };

/**
 * A controller served under Graph's version prefixes: `@GraphController('identity/conditionalAccess/...')`
 * answers on `/v1.0/...` and `/beta/...` (DECISIONS §1); pass `versions: ['beta']` for beta-only paths.
 * Several paths (Graph's aliases) share the handlers; an alias may name its own versions.
 */
export function GraphController(path: GraphControllerPath | readonly GraphControllerPath[], options: { tag: string; versions?: GraphVersion[] }) {
  const versions = options.versions ?? ['v1.0', 'beta'];
  const entries = ([path].flat() as GraphControllerPath[]).map((p) => (typeof p === 'string' ? { path: p, versions } : p));
  return applyDecorators(
    Controller(versions.flatMap((v) => entries.filter((e) => e.versions.includes(v)).map((e) => `${v}/${e.path}`.replace(/\/+$/, '')))),
    ApiTags(options.tag),
    ApiBearerAuth(),
  );
}
