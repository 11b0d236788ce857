import { connect, type Socket } from 'node:net';

/** One HTTP response as read off a raw socket. */
export interface RawResponse {
  status: number;
  /** Header names lower-cased; repeated headers joined with ', '. */
  headers: Record<string, string>;
  body: string;
  /** The server closed the connection after this response. */
  closed: boolean;
}

export interface RawOptions {
  /** Written after the first chunk, one chunk at a time (slow clients, bodies sent after the head). */
  then?: Array<string | Buffer>;
  /** Half-close our side once everything is written. */
  end?: boolean;
  /** Pause between the writes of `then` (a slow client). */
  gapMs?: number;
}

/** Parses the first complete response in `buf`, or returns undefined while it is incomplete. */
export function parseResponse(buf: Buffer, closed: boolean): RawResponse | undefined {
  const headEnd = buf.indexOf('\r\n\r\n');
  if (headEnd < 0) return undefined;
  const lines = buf.subarray(0, headEnd).toString('latin1').split('\r\n');
  const status = Number(lines[0].split(' ')[1]);
  const headers: Record<string, string> = {};
  for (const line of lines.slice(1)) {
    const i = line.indexOf(':');
    const name = line.slice(0, i).trim().toLowerCase();
    const value = line.slice(i + 1).trim();
    headers[name] = name in headers ? `${headers[name]}, ${value}` : value;
  }
  const rest = buf.subarray(headEnd + 4);
  if (headers['transfer-encoding']?.includes('chunked')) {
    let body = Buffer.alloc(0);
    let at = 0;
    for (;;) {
      const lineEnd = rest.indexOf('\r\n', at);
      if (lineEnd < 0) return closed ? { status, headers, body: body.toString(), closed } : undefined;
      const size = parseInt(rest.subarray(at, lineEnd).toString(), 16);
      if (size === 0) return { status, headers, body: body.toString(), closed };
      if (rest.length < lineEnd + 2 + size + 2) return closed ? { status, headers, body: body.toString(), closed } : undefined;
      body = Buffer.concat([body, rest.subarray(lineEnd + 2, lineEnd + 2 + size)]);
      at = lineEnd + 2 + size + 2;
    }
  }
  const length = headers['content-length'] !== undefined ? Number(headers['content-length']) : undefined;
  if (length !== undefined && rest.length >= length) return { status, headers, body: rest.subarray(0, length).toString(), closed };
  if (length === undefined && (status === 204 || status === 304 || status < 200)) return { status, headers, body: '', closed };
  return closed ? { status, headers, body: rest.toString(), closed } : undefined;
}

/**
 * Sends bytes exactly as given (malformed requests included) and reads the first response.
 * Resolves once a whole response arrived, or the server closed; rejects on a reset before a
 * whole response was read (the case a client cannot recover from).
 */
export function rawRequest(baseUrl: string, first: string | Buffer, options: RawOptions = {}): Promise<RawResponse> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const socket: Socket = connect({ host: hostname, port: Number(port) });
    let buf = Buffer.alloc(0);
    let settled = false;
    const settle = (closed: boolean) => {
      if (settled) return;
      const parsed = parseResponse(buf, closed);
      if (!parsed) {
        if (closed) {
          settled = true;
          reject(new Error(`connection closed before a whole response: ${JSON.stringify(buf.toString('latin1').slice(0, 200))}`));
        }
        return;
      }
      settled = true;
      // Wait briefly for the server's close to learn whether it keeps the connection; harmless if it does not.
      resolve(parsed);
      socket.destroy();
    };
    socket.on('data', (d) => {
      buf = Buffer.concat([buf, d]);
      settle(false);
    });
    socket.on('end', () => settle(true));
    socket.on('close', () => settle(true));
    socket.on('error', (e) => {
      if (settled) return;
      const parsed = parseResponse(buf, true);
      settled = true;
      if (parsed) resolve(parsed);
      else reject(e);
    });
    socket.on('connect', async () => {
      const write = (chunk: string | Buffer) => new Promise<void>((done) => (socket.writable ? socket.write(chunk, () => done()) : done()));
      await write(first);
      for (const chunk of options.then ?? []) {
        if (settled || !socket.writable) break;
        if (options.gapMs) await new Promise((r) => setTimeout(r, options.gapMs));
        await write(chunk);
      }
      if (options.end && socket.writable) socket.end();
    });
  });
}

export const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Any response, raw or from fetch, in one shape for the envelope checks. */
export interface AnyResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export async function fromFetch(res: Response): Promise<AnyResponse> {
  return { status: res.status, headers: Object.fromEntries(res.headers.entries()), body: await res.text() };
}

/**
 * Graph's error envelope (graph-spec §4.2) with the `request-id` header on it: the contract every
 * error of the HTTP layer must meet. Returns the parsed error. `HEAD` answers carry no body.
 */
export function expectGraphError(res: AnyResponse, status: number, code?: string, options: { head?: boolean } = {}) {
  expect({ status: res.status, body: res.body.slice(0, 300) }).toEqual({ status, body: expect.anything() });
  const requestId = res.headers['request-id'];
  expect(requestId).toMatch(GUID);
  expect(res.headers['client-request-id']).toBeTruthy();
  if (options.head) {
    expect(res.body).toBe('');
    return undefined;
  }
  expect(res.headers['content-type']).toMatch(/^application\/json/);
  const body = JSON.parse(res.body) as { error: { code: string; message: string; innerError: Record<string, string> } };
  if (code) expect(body.error.code).toBe(code);
  expect(body.error.message).toEqual(expect.any(String));
  expect(body.error.message.length).toBeGreaterThan(0);
  expect(body.error.innerError['request-id']).toBe(requestId);
  expect(body.error.innerError['client-request-id']).toBe(res.headers['client-request-id']);
  expect(body.error.innerError.date).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$/);
  return body.error;
}
