import type { FastifyReply, FastifyRequest } from 'fastify';
import { requestGuards } from './request-guards.js';
import { RouteTable } from './route-table.js';

/** A reply that records what the guard sent. */
function recorder() {
  const sent: { status?: number; headers: Record<string, string>; body?: unknown } = { headers: {} };
  const reply = {
    status(code: number) {
      sent.status = code;
      return reply;
    },
    header(name: string, value: string) {
      sent.headers[name.toLowerCase()] = value;
      return reply;
    },
    send(body?: unknown) {
      sent.body = body;
      return reply;
    },
  };
  return { reply: reply as unknown as FastifyReply, sent };
}

function request(url: string, options: { method?: string; rawHeaders?: string[]; httpVersion?: string; is404?: boolean } = {}) {
  return {
    url,
    method: options.method ?? 'GET',
    id: 'req-1',
    clientRequestId: 'req-1',
    headers: {},
    is404: options.is404 ?? false,
    raw: { httpVersion: options.httpVersion ?? '1.1', rawHeaders: options.rawHeaders ?? ['Host', 'x'] },
  } as unknown as FastifyRequest;
}

describe('requestGuards', () => {
  const routes = new RouteTable(512);
  routes.add({ method: ['GET', 'POST'], url: '/v1.0/users' });

  const run = (req: FastifyRequest, closing = false) => {
    const { reply, sent } = recorder();
    let passed = false;
    requestGuards(routes, () => closing)(req, reply, () => (passed = true));
    return { passed, sent, code: (sent.body as { error?: { code: string } } | undefined)?.error?.code };
  };

  it('lets ordinary requests through', () => {
    expect(run(request('/v1.0/users?$top=1')).passed).toBe(true);
    expect(run(request('/health', { httpVersion: '1.0', rawHeaders: [] })).passed).toBe(true);
  });

  it('while shutting down: 503 serviceNotAvailable in the envelope, connection closed', () => {
    const r = run(request('/v1.0/users'), true);
    expect(r).toMatchObject({ passed: false, code: 'serviceNotAvailable', sent: { status: 503 } });
    expect(r.sent.headers.connection).toBe('close');
    expect(r.sent.headers['retry-after']).toBeDefined();
  });

  it('HTTP/1.1 needs exactly one Host', () => {
    expect(run(request('/health', { rawHeaders: [] }))).toMatchObject({ passed: false, code: 'BadRequest', sent: { status: 400 } });
    expect(run(request('/health', { rawHeaders: ['Host', 'a', 'host', 'b'] }))).toMatchObject({ passed: false, sent: { status: 400 } });
  });

  it.each(['/v1.0/users/x%00', '/v1.0/users/%1F', '/v1.0/users/%7f', '/v1.0/users?$filter=%00', '/v1.0/users?%0A=1'])(
    'control characters in %s: 400',
    (url) => {
      expect(run(request(url))).toMatchObject({ passed: false, code: 'BadRequest', sent: { status: 400 } });
    },
  );

  it('malformed escapes in the query: 400; valid ones pass', () => {
    expect(run(request('/v1.0/users?$filter=%ZZ')).sent.status).toBe(400);
    expect(run(request('/v1.0/users?$filter=%C3%28')).sent.status).toBe(400);
    expect(run(request('/v1.0/users?$filter=%C3%A9')).passed).toBe(true);
  });

  it('OPTIONS: 204 with Allow on a known path, through to 404 elsewhere', () => {
    const known = run(request('/v1.0/users', { method: 'OPTIONS', is404: true }));
    expect(known).toMatchObject({ passed: false, sent: { status: 204, headers: { allow: 'GET, HEAD, OPTIONS, POST' } } });
    expect(run(request('/v1.0/nothing', { method: 'OPTIONS', is404: true })).passed).toBe(true);
  });
});
