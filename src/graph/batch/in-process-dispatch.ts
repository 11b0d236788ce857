import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import inject from 'light-my-request';
import { errorEnvelope } from '../errors/error-envelope.js';
import { GraphErrors } from '../errors/graph.exception.js';
import type { PlannedRequest } from './batch-plan.js';
import type { BatchResponseItem } from './batch-runner.js';

/** Raw requests created by a batch, so the `$batch` route can refuse to be reached from inside one. */
const innerRequests = new WeakSet<IncomingMessage>();

export function isBatchInnerRequest(request: FastifyRequest): boolean {
  return innerRequests.has(request.raw);
}

/** Headers an inner request never takes from the batch item: the connection's own, and the batch's token. */
const NOT_FROM_ITEM = new Set([
  'authorization',
  'host',
  'content-length',
  'transfer-encoding',
  'connection',
  'keep-alive',
  'upgrade',
  'expect',
  'te',
  'trailer',
]);
/** Headers of the batch request every inner request carries: one caller, one token, one origin. */
const FROM_BATCH = ['authorization', 'host', 'user-agent', 'client-request-id', 'x-forwarded-for', 'x-forwarded-proto', 'x-forwarded-host'];
/** Connection-level response headers, meaningless inside a batch answer. */
const DROPPED = new Set(['date', 'connection', 'keep-alive', 'transfer-encoding', 'content-length']);
/** Response header names as Graph spells them (the JS v3 client reads `Content-Type` exactly). */
const SPELLING: Record<string, string> = {
  'content-type': 'Content-Type',
  location: 'Location',
  'retry-after': 'Retry-After',
  'odata-version': 'OData-Version',
  etag: 'ETag',
  'www-authenticate': 'WWW-Authenticate',
  allow: 'Allow',
  'cache-control': 'Cache-Control',
  'preference-applied': 'Preference-Applied',
  vary: 'Vary',
};

/**
 * Runs one inner request through the service's own Fastify instance in process (light-my-request,
 * what `fastify.inject` uses, dispatching into `fastify.routing`): the same URL rewriting, hooks,
 * guards (token, permissions, throttling), pipes, filter and access log as a request from the
 * network, without a loopback connection. The fake socket copies the batch connection's address and
 * TLS flag, so `request.ip`, the scheme and the links in answers are those of a direct call.
 */
export async function dispatchInProcess(fastify: FastifyInstance, batch: FastifyRequest, request: PlannedRequest): Promise<BatchResponseItem> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) if (!NOT_FROM_ITEM.has(name)) headers[name] = value;
  for (const name of FROM_BATCH) {
    const value = batch.headers[name];
    if (typeof value === 'string' && !(name === 'client-request-id' && headers[name])) headers[name] = value;
  }
  const socket = batch.raw.socket as { encrypted?: boolean; remoteAddress?: string } | null;
  try {
    const response = await inject(
      (req: IncomingMessage, res: ServerResponse) => {
        innerRequests.add(req);
        if (socket?.encrypted) (req.socket as { encrypted?: boolean }).encrypted = true;
        fastify.routing(req, res);
      },
      {
        method: request.method as 'GET',
        url: request.url,
        headers,
        remoteAddress: socket?.remoteAddress ?? '127.0.0.1',
        ...(request.payload !== undefined ? { payload: request.payload } : {}),
      },
    );
    return toItem(request.id, response.statusCode, response.headers, response.rawPayload);
  } catch (e) {
    // Not expected (the pipeline answers every error itself); never let one request sink the batch.
    batch.log.error({ err: e, batchRequestId: request.id }, 'batch inner request failed');
    const error = GraphErrors.generalException();
    return {
      id: request.id,
      status: 500,
      headers: { 'Content-Type': 'application/json' },
      body: errorEnvelope(error.code, error.message, { requestId: batch.id, clientRequestId: batch.clientRequestId }),
    };
  }
}

function toItem(id: string, status: number, raw: Record<string, string | string[] | number | undefined>, payload: Buffer): BatchResponseItem {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(raw)) {
    if (value === undefined || DROPPED.has(name)) continue;
    headers[SPELLING[name] ?? name] = Array.isArray(value) ? value.join(', ') : String(value);
  }
  if (payload.length === 0) return { id, status, headers };
  const type = headers['Content-Type'] ?? '';
  if (/\bjson\b/i.test(type)) {
    try {
      return { id, status, headers, body: JSON.parse(payload.toString('utf8')) };
    } catch {
      // not JSON after all: fall through to text
    }
  }
  const text = /^text\/|xml/i.test(type) || /\bjson\b/i.test(type);
  return { id, status, headers, body: text ? payload.toString('utf8') : payload.toString('base64') };
}
