import type { FastifyInstance, FastifyRequest } from 'fastify';
import { GraphErrors, type GraphException } from '../errors/graph.exception.js';
import { JSON_LIMITS, scanJson, type JsonScanProblem } from './json-scan.js';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * JSON bodies, refused with a Graph 400 before any guard, pipe or handler sees them when they are
 * not UTF-8 (another declared charset, invalid bytes), nest deeper or hold more values (or
 * properties in one object) than JSON_LIMITS, contain an escaped lone surrogate or a repeated property, or are not a JSON object
 * (every Graph body is one). An empty body counts as no body (SDKs send actions such as
 * enableSmsSignIn with `Content-Type: application/json` and nothing else). `__proto__` and
 * `constructor` keys stay plain data (JSON.parse never assigns prototypes); the validation pipe
 * refuses them as unknown properties. Every other content type is 415 (Fastify's default).
 */
export function registerJsonBodyParser(fastify: FastifyInstance): void {
  // JSON only: Fastify's default text/plain parser would let other bodies through.
  fastify.removeAllContentTypeParsers();
  fastify.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body, done) => {
    try {
      done(null, parseJsonBody(request, body as Buffer));
    } catch (error) {
      done(error as GraphException, undefined);
    }
  });
}

export function parseJsonBody(request: Pick<FastifyRequest, 'headers'>, body: Buffer): unknown {
  const charset = charsetOf(request.headers['content-type']);
  if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8') {
    throw GraphErrors.badRequest(`The request body must be UTF-8; charset '${charset.slice(0, 40)}' is not supported.`);
  }
  let text: string;
  try {
    text = utf8.decode(body); // also drops a UTF-8 byte order mark
  } catch {
    throw GraphErrors.badRequest('The request body is not valid UTF-8.');
  }
  if (text.trim() === '') return undefined;
  const problem = scanJson(text, JSON_LIMITS);
  if (problem) throw problemError(problem);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw GraphErrors.badRequest('Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format.');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw GraphErrors.badRequest('The request body must be a JSON object.');
  }
  return value;
}

function problemError(problem: JsonScanProblem): GraphException {
  switch (problem.kind) {
    case 'depth':
      return GraphErrors.badRequest(`The JSON payload is nested deeper than the limit of ${problem.limit} levels.`);
    case 'values':
      return GraphErrors.badRequest(`The JSON payload holds more than the limit of ${problem.limit} values.`);
    case 'members':
      return GraphErrors.badRequest(`An object in the JSON payload has more than the limit of ${problem.limit} properties.`);
    case 'surrogate':
      return GraphErrors.badRequest('The JSON payload contains an unpaired surrogate escape (\\uD800-\\uDFFF); strings must be valid Unicode.');
    case 'duplicate':
      return GraphErrors.badRequest(`The JSON payload contains the property '${problem.key.slice(0, 64)}' more than once in one object.`);
  }
}

/** The `charset` parameter of a Content-Type, lowercased; undefined when absent. */
function charsetOf(contentType: string | undefined): string | undefined {
  const match = /;\s*charset\s*=\s*(?:"([^"]*)"|([^;\s]*))/i.exec(contentType ?? '');
  return match ? (match[1] ?? match[2]).toLowerCase() : undefined;
}
