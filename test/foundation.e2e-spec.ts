import { Body, Get, Module, Post } from '@nestjs/common';
import { Public } from '../src/auth/public.decorator.js';
import { Call, metadataContext, type GraphCall } from '../src/graph/graph-call.js';
import { GraphController } from '../src/graph/graph-controller.decorator.js';
import { startTestApp, type TestApp } from './support/app.js';

/** Routes that exist only in this suite, to drive the pipeline into each kind of failure. */
@GraphController('testFoundation', { tag: 'test' })
class FoundationProbeController {
  @Get('boom')
  @Public()
  boom(): never {
    throw new Error('relation "secret_table" does not exist at SELECT * FROM secret_table');
  }

  @Post('echo')
  @Public()
  echo(@Body() body: unknown): unknown {
    return { received: body ?? null };
  }

  @Get('context')
  @Public()
  context(@Call() call: GraphCall): unknown {
    return { '@odata.context': metadataContext(call, 'testFoundation/$entity'), version: call.version };
  }
}

@Module({ controllers: [FoundationProbeController] })
class FoundationProbeModule {}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

async function expectGraphError(res: Response, status: number, code: string) {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toMatch(/^application\/json/);
  const requestId = res.headers.get('request-id');
  expect(requestId).toMatch(GUID);
  const body = (await res.json()) as { error: { code: string; message: string; innerError: Record<string, string> } };
  expect(body.error.code).toBe(code);
  expect(typeof body.error.message).toBe('string');
  expect(body.error.innerError['request-id']).toBe(requestId);
  expect(body.error.innerError['client-request-id']).toBe(res.headers.get('client-request-id'));
  expect(body.error.innerError.date).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/);
  return body;
}

describe('foundation: Graph conventions over the real pipeline', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ BODY_LIMIT_BYTES: '2048' }, [FoundationProbeModule]);
  });
  afterAll(() => t?.close());

  it('GET /health is 200 {"status":"ok"} with request ids', async () => {
    const res = await fetch(`${t.url}/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
    expect(res.headers.get('request-id')).toMatch(GUID);
    expect(res.headers.get('client-request-id')).toBe(res.headers.get('request-id'));
  });

  it('echoes client-request-id in the header and the error body', async () => {
    const res = await fetch(`${t.url}/v1.0/nothing/here`, { headers: { 'client-request-id': 'my-trace-42' } });
    expect(res.headers.get('client-request-id')).toBe('my-trace-42');
    const body = await expectGraphError(res, 404, 'ResourceNotFound');
    expect(body.error.innerError['client-request-id']).toBe('my-trace-42');
  });

  it('does not echo an unsafe client-request-id', async () => {
    const res = await fetch(`${t.url}/health`, { headers: { 'client-request-id': 'x'.repeat(500) } });
    expect(res.headers.get('client-request-id')).toBe(res.headers.get('request-id'));
  });

  it('unknown route: 404 in the Graph envelope', async () => {
    const body = await expectGraphError(await fetch(`${t.url}/v1.0/noSuchThing`), 404, 'ResourceNotFound');
    expect(body.error.message).toContain('noSuchThing');
  });

  it('malformed percent-encoding in the path: 400 in the envelope, with request ids', async () => {
    const res = await fetch(`${t.url}/v1.0/users/%ZZ`, { headers: { 'client-request-id': 'trace-bad-url' } });
    const body = await expectGraphError(res, 400, 'BadRequest');
    expect(body.error.innerError['client-request-id']).toBe('trace-bad-url');
  });

  it('an over-long path segment: 414 in the envelope', async () => {
    await expectGraphError(await fetch(`${t.url}/v1.0/users/${'a'.repeat(600)}`), 414, 'RequestUriTooLong');
  });

  it('known path, unsupported verb: 405 with Allow', async () => {
    const res = await fetch(`${t.url}/v1.0/testFoundation/echo`, { method: 'PUT' });
    await expectGraphError(res, 405, 'Request_BadRequest');
    expect(res.headers.get('allow')).toBe('OPTIONS, POST');
  });

  it('malformed JSON: 400, handler not reached', async () => {
    const res = await fetch(`${t.url}/v1.0/testFoundation/echo`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"a":',
    });
    await expectGraphError(res, 400, 'BadRequest');
  });

  it('prototype-pollution keys are refused', async () => {
    const res = await fetch(`${t.url}/v1.0/testFoundation/echo`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"__proto__":{"admin":true}}',
    });
    await expectGraphError(res, 400, 'BadRequest');
  });

  it('wrong content type: 415', async () => {
    const res = await fetch(`${t.url}/v1.0/testFoundation/echo`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: 'hello',
    });
    await expectGraphError(res, 415, 'UnsupportedMediaType');
  });

  it('oversized body: 413 (limit is configurable)', async () => {
    const res = await fetch(`${t.url}/v1.0/testFoundation/echo`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ big: 'x'.repeat(4096) }),
    });
    const body = await expectGraphError(res, 413, 'RequestEntityTooLarge');
    expect(body.error.message).toContain('2048');
  });

  it('empty JSON body counts as no body', async () => {
    const res = await fetch(`${t.url}/v1.0/testFoundation/echo`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '',
    });
    expect(res.status).toBe(201);
    expect(await res.json()).toEqual({ received: null });
  });

  it('internal failure: 500 generalException, nothing internal leaked', async () => {
    const res = await fetch(`${t.url}/beta/testFoundation/boom`);
    const body = await expectGraphError(res, 500, 'generalException');
    const text = JSON.stringify(body);
    expect(text).not.toContain('secret_table');
    expect(text).not.toContain('SELECT');
  });

  it('@odata.context follows the request origin and version', async () => {
    const res = await fetch(`${t.url}/beta/testFoundation/context`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('odata.metadata=minimal');
    expect(res.headers.get('odata-version')).toBe('4.0');
    expect(await res.json()).toEqual({
      '@odata.context': `${t.url}/beta/$metadata#testFoundation/$entity`,
      version: 'beta',
    });
  });

  it('serves Swagger UI and the OpenAPI document without a CDN', async () => {
    const doc = (await (await fetch(`${t.url}/openapi.json`)).json()) as { paths: Record<string, unknown> };
    expect(doc.paths['/health']).toBeDefined();
    const html = await (await fetch(`${t.url}/docs`)).text();
    expect(html).toContain('swagger-ui');
    expect(html).not.toMatch(/https?:\/\/(unpkg|cdn|cdnjs)/);
  });
});

describe('foundation: PUBLIC_BASE_URL', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ PUBLIC_BASE_URL: 'https://graph.example.test/' }, [FoundationProbeModule]);
  });
  afterAll(() => t?.close());

  it('builds @odata.context from the configured base URL', async () => {
    const body = (await (await fetch(`${t.url}/v1.0/testFoundation/context`)).json()) as Record<string, string>;
    expect(body['@odata.context']).toBe('https://graph.example.test/v1.0/$metadata#testFoundation/$entity');
  });
});
