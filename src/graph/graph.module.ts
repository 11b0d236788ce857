import { Global, Module } from '@nestjs/common';

/**
 * Graph-wide conventions: error envelope (errors/), request ids, body parsing and 405s (http/),
 * OData query options (odata/), `@odata.context` (graph-call.ts). The HTTP-level pieces are Fastify
 * hooks installed by app.setup.ts; this module is where injectable conventions live.
 */
@Global()
@Module({})
export class GraphModule {}
