import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { buildGraphDocuments, GRAPH_VERSIONS } from './graph-documents.js';
import { renderCsdl } from './csdl.js';

const DESCRIPTION =
  'A self-hosted implementation of part of the Microsoft Graph identity API: user authentication methods and ' +
  'Conditional Access authentication contexts. Paths, shapes, status codes and permission tables follow Microsoft Graph. ' +
  'Mint a development token with `npm run token -- --help`, then use **Authorize**. ' +
  'Pick the Graph version (v1.0 or beta) at the top right; each has its own document and `$metadata`.';

/** Where each version's document is served; `/openapi.json` is v1.0's. */
export const OPENAPI_URLS = { 'v1.0': '/openapi/v1.0.json', beta: '/openapi/beta.json' } as const;

/**
 * The live docs: one OpenAPI document per Graph version (Swagger UI at /docs with a version selector),
 * `GET /{version}/$metadata` (CSDL, public as at Graph), and `/` redirecting to /docs.
 */
export function setupApiDocs(app: NestFastifyApplication): void {
  // Built on the first docs request, not at boot: generating and rendering the documents took ~200 ms of
  // every start (issue #17) and most processes never serve them. Built once, then reused.
  let documents: ReturnType<typeof buildGraphDocuments> | undefined;
  const built = () =>
    (documents ??= buildGraphDocuments(
      SwaggerModule.createDocument(
        app,
        new DocumentBuilder()
          .setTitle('Graph identity server')
          .setDescription(DESCRIPTION)
          .setLicense('MIT', 'https://opensource.org/licenses/MIT')
          .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
          .build(),
      ),
    ));
  // Served from swagger-ui-dist inside the package: no CDN. A factory: the module builds it on first use.
  SwaggerModule.setup('docs', app, () => built()['v1.0'], {
    jsonDocumentUrl: 'openapi.json',
    yamlDocumentUrl: 'openapi.yaml',
    explorer: true, // the version selector
    swaggerOptions: {
      urls: GRAPH_VERSIONS.map((v) => ({ url: OPENAPI_URLS[v], name: v })),
      'urls.primaryName': 'v1.0',
      displayOperationId: true,
      persistAuthorization: true,
      displayRequestDuration: true,
      filter: true, // "Filter by tag": each document has hundreds of operations
    },
  });
  const fastify = app.getHttpAdapter().getInstance();
  for (const version of GRAPH_VERSIONS) {
    let json: string | undefined;
    let csdl: string | undefined;
    fastify.get(OPENAPI_URLS[version], (_request, reply) => reply.type('application/json').send((json ??= JSON.stringify(built()[version]))));
    fastify.get(`/${version}/$metadata`, (_request, reply) => reply.type('application/xml').send((csdl ??= renderCsdl(version, built()[version]))));
  }
  fastify.get('/', (_request, reply) => reply.redirect('/docs', 302));
}
