import { execFile } from 'node:child_process';
import { connect } from 'node:net';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { startTestApp, type TestApp } from '../support/app.js';
import { expectGraphError, fromFetch, parseResponse, rawRequest } from './raw-http.js';

const CLIENT = fileURLToPath(new URL('./streaming-client.mjs', import.meta.url));

/**
 * Requests Node's HTTP parser refuses, or answers itself, before any Fastify hook runs: each must
 * still be a Graph error with a `request-id`, and reach the client.
 */
describe('HTTP layer: malformed requests get Graph errors', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  }, 120_000);
  afterAll(() => t?.close(), 120_000);

  const cases: Array<[string, string, number, string]> = [
    ['request line longer than the header limit', `GET /v1.0/users?x=${'a'.repeat(20_000)} HTTP/1.1\r\nHost: x\r\n\r\n`, 431, 'RequestHeaderFieldsTooLarge'],
    ['header longer than the header limit', `GET /health HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`, 431, 'RequestHeaderFieldsTooLarge'],
    [
      'many headers over the limit',
      `GET /health HTTP/1.1\r\nHost: x\r\n${'X-A: 12345678901234567890\r\n'.repeat(1000)}\r\n`,
      431,
      'RequestHeaderFieldsTooLarge',
    ],
    [
      'chunk size that is not hex',
      `POST /v1.0/users HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n`,
      400,
      'BadRequest',
    ],
    [
      'chunk longer than its size',
      `POST /v1.0/users HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n1\r\n{}}}\r\n0\r\n\r\n`,
      400,
      'BadRequest',
    ],
    ['two different Content-Lengths', `POST /v1.0/users HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n{}`, 400, 'BadRequest'],
    ['Content-Length that is not a number', `POST /v1.0/users HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n{}`, 400, 'BadRequest'],
    ['negative Content-Length', `POST /v1.0/users HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n{}`, 400, 'BadRequest'],
    [
      'Content-Length with chunked encoding',
      `POST /v1.0/users HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n`,
      400,
      'BadRequest',
    ],
    ['chunked that is not the final encoding', `POST /v1.0/users HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked, gzip\r\n\r\n0\r\n\r\n`, 400, 'BadRequest'],
    ['HTTP/1.1 without Host', `GET /health HTTP/1.1\r\n\r\n`, 400, 'BadRequest'],
    ['two Host headers', `GET /health HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n`, 400, 'BadRequest'],
    ['unknown HTTP version', `GET /health HTTP/9.9\r\nHost: x\r\n\r\n`, 400, 'BadRequest'],
    ['unknown method', `BREW /health HTTP/1.1\r\nHost: x\r\n\r\n`, 400, 'BadRequest'],
    ['lower-case method', `get /health HTTP/1.1\r\nHost: x\r\n\r\n`, 400, 'BadRequest'],
    ['header without a colon', `GET /health HTTP/1.1\r\nHost: x\r\nNoColonHere\r\n\r\n`, 400, 'BadRequest'],
    ['space in a header name', `GET /health HTTP/1.1\r\nHost: x\r\nBad Name: 1\r\n\r\n`, 400, 'BadRequest'],
    ['raw control character in the target', `GET /v1.0/users/a\x01b HTTP/1.1\r\nHost: x\r\n\r\n`, 400, 'BadRequest'],
    ['bare LF line endings mixed with junk', `GET /health HTTP/1.1\nHost: x\n\x00\n\n`, 400, 'BadRequest'],
    [
      'Expect other than 100-continue',
      `POST /v1.0/users HTTP/1.1\r\nHost: x\r\nExpect: banana\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}`,
      417,
      'ExpectationFailed',
    ],
    ['CONNECT', `CONNECT evil.example:443 HTTP/1.1\r\nHost: evil.example:443\r\n\r\n`, 400, 'BadRequest'],
  ];

  it.each(cases.map(([name, request, status, code]) => ({ name, request, status, code })))(
    '$name: $status in the envelope',
    async ({ request, status, code }) => {
      expectGraphError(await rawRequest(t.url, request), status, code);
    },
  );

  it('an HTTP/1.0 request without Host is served (Host is optional there)', async () => {
    const res = await rawRequest(t.url, 'GET /health HTTP/1.0\r\n\r\n');
    expect(res.status).toBe(200);
    expect(res.headers['request-id']).toBeTruthy();
  });

  it('echoes a safe client-request-id on a 417', async () => {
    const res = await rawRequest(t.url, 'POST /v1.0/users HTTP/1.1\r\nHost: x\r\nExpect: 200-ok\r\nclient-request-id: trace-417\r\nContent-Length: 0\r\n\r\n');
    const error = expectGraphError(res, 417, 'ExpectationFailed');
    expect(error?.innerError['client-request-id']).toBe('trace-417');
  });

  describe('an early answer reaches a client that sends its whole body anyway', () => {
    const big = Buffer.alloc(2 * 1024 * 1024, 'a'); // twice the 1 MiB limit
    const users = '/v1.0/users';

    it('413 with Content-Length, read from a raw socket after writing all 2 MiB', async () => {
      const head = `POST ${users} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${big.length}\r\n\r\n`;
      const res = await rawRequest(t.url, Buffer.concat([Buffer.from(head), big]));
      expectGraphError(res, 413, 'RequestEntityTooLarge');
    });

    it('413 for a chunked body over the limit', async () => {
      const chunk = Buffer.concat([Buffer.from(`${(256 * 1024).toString(16)}\r\n`), big.subarray(0, 256 * 1024), Buffer.from('\r\n')]);
      const head = `POST ${users} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n`;
      const res = await rawRequest(t.url, Buffer.concat([Buffer.from(head), ...Array<Buffer>(8).fill(chunk), Buffer.from('0\r\n\r\n')]));
      expectGraphError(res, 413, 'RequestEntityTooLarge');
    });

    it.each([
      ['413 for JSON over the limit', users, 'application/json', 413, 'RequestEntityTooLarge'],
      ['415 for another content type', users, 'text/plain', 415, 'UnsupportedMediaType'],
      ['400 for a control character in the path', '/v1.0/users/x%00', 'application/json', 400, 'BadRequest'],
    ])(
      '%s: a node:http client in its own process streams 2 MiB without Expect and reads the answer',
      async (_name, path, type, status, code) => {
        const { stdout } = await promisify(execFile)(process.execPath, [CLIENT, t.url, path, type, String(big.length)]);
        const res = JSON.parse(stdout) as { error?: string; status: number; headers: Record<string, string>; body: string };
        expect(res.error).toBeUndefined();
        expectGraphError(res, status, code);
      },
      120_000,
    );

    it('415 for a 2 MiB body of another type', async () => {
      const head = `POST ${users} HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nContent-Length: ${big.length}\r\n\r\n`;
      expectGraphError(await rawRequest(t.url, Buffer.concat([Buffer.from(head), big])), 415, 'UnsupportedMediaType');
    });

    it('400 for a control character in the path, body unread', async () => {
      const head = `POST /v1.0/users/x%00 HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: ${big.length}\r\n\r\n`;
      expectGraphError(await rawRequest(t.url, Buffer.concat([Buffer.from(head), big])), 400, 'BadRequest');
    });

    it.each([
      ['413 (body over the limit)', `POST ${users} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${big.length}\r\n\r\n`, 413],
      ['415 (another content type)', `POST ${users} HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nContent-Length: ${big.length}\r\n\r\n`, 415],
      ['400 (NUL in the path)', `POST /v1.0/users/x%00 HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Length: ${big.length}\r\n\r\n`, 400],
      [
        '400 (bad chunk, from the parser)',
        `POST ${users} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n`,
        400,
      ],
      ['415 (no content type, then a bad chunk)', `POST ${users} HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n`, 415],
    ])(
      '%s: after answering, the server keeps reading, so the rest of the body meets no reset',
      async (_name, head, status) => {
        const { port } = new URL(t.url);
        const result = await new Promise<{ response: Buffer; error?: string }>((resolve) => {
          // allowHalfOpen: the server's FIN must not end our side; we still have a body to send.
          const socket = connect({ host: '127.0.0.1', port: Number(port), allowHalfOpen: true });
          let response = Buffer.alloc(0);
          let error: string | undefined;
          let rest = false;
          socket.on('data', (d: Buffer) => {
            response = Buffer.concat([response, d]);
            // Only once the whole answer is here, send the rest of the body (a client that writes
            // before it reads does the same, only earlier). The server may have closed by now.
            if (!rest && parseResponse(response, false)) {
              rest = true;
              socket.write(big, () => socket.end());
            }
          });
          socket.on('error', (e: NodeJS.ErrnoException) => (error ??= e.code ?? e.message));
          socket.on('close', () => resolve({ response, error }));
          socket.on('connect', () => socket.write(head));
        });
        expect(result.error).toBeUndefined();
        const parsed = parseResponse(result.response, true);
        expect(parsed).toBeDefined();
        expectGraphError(parsed!, status);
      },
      120_000,
    );

    it('the draining is bounded: a client that never stops sending is disconnected', async () => {
      const { port } = new URL(t.url);
      const closed = await new Promise<boolean>((resolve) => {
        const socket = connect({ host: '127.0.0.1', port: Number(port) });
        const chunk = Buffer.alloc(1024 * 1024, 'a');
        let sent = 0;
        const pump = () => {
          // Far beyond the bound (16 MiB): the server must hang up before we run out.
          while (sent < 256 && socket.writable) {
            sent++;
            if (!socket.write(chunk)) return void socket.once('drain', pump);
          }
          if (sent >= 256) resolve(false);
        };
        socket.on('error', () => undefined);
        socket.on('close', () => resolve(true));
        socket.on('connect', () => {
          socket.write(`POST ${users} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${1024 * 1024 * 1024}\r\n\r\n`);
          pump();
        });
      });
      expect(closed).toBe(true);
    });
  });

  it('the server still answers after all of the above', async () => {
    expect((await fetch(`${t.url}/health`)).status).toBe(200);
  });
});

describe('HTTP layer: slow clients', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ HTTP_HEADERS_TIMEOUT_MS: '1000', HTTP_REQUEST_TIMEOUT_MS: '2000' });
  }, 120_000);
  afterAll(() => t?.close(), 120_000);

  it('headers sent byte by byte and never finished: others are served meanwhile, then 408 in the envelope', async () => {
    const head = 'GET /health HTTP/1.1\r\nHost: x\r\nX-Slow: ';
    const slow = rawRequest(t.url, head[0], { then: [...head.slice(1)], gapMs: 20 });
    const others = await Promise.all(Array.from({ length: 5 }, () => fetch(`${t.url}/health`)));
    expect(others.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    expectGraphError(await slow, 408, 'RequestTimeout');
  }, 120_000);

  it('a body that stops arriving: 408 in the envelope', async () => {
    const res = await rawRequest(t.url, 'POST /v1.0/users HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"a":');
    expectGraphError(res, 408, 'RequestTimeout');
  }, 120_000);

  it('a connection that sends nothing is closed with a 408', async () => {
    expectGraphError(await rawRequest(t.url, ''), 408, 'RequestTimeout');
  }, 120_000);

  it('fetch still works afterwards', async () => {
    const res = await fromFetch(await fetch(`${t.url}/v1.0/nothing`));
    expectGraphError(res, 404, 'ResourceNotFound');
  });
});
