import { applyDecorators, Controller } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { GraphVersion } from './http/base-url.js';

/**
 * A controller served under Graph's version prefixes: `@GraphController('identity/conditionalAccess/...')`
 * answers on `/v1.0/...` and `/beta/...` (DECISIONS §1); pass `versions: ['beta']` for beta-only paths.
 */
export function GraphController(path: string | readonly string[], options: { tag: string; versions?: GraphVersion[] }) {
  const versions = options.versions ?? ['v1.0', 'beta'];
  return applyDecorators(
    Controller(versions.flatMap((v) => [path].flat().map((p) => `${v}/${p}`.replace(/\/+$/, '')))),
    ApiTags(options.tag),
    ApiBearerAuth(),
  );
}
