import { ValidationPipe, type ArgumentMetadata } from '@nestjs/common';
import { validate, type ValidationError, type ValidatorOptions } from 'class-validator';
import { GraphErrors, GraphException } from '../errors/graph.exception.js';
import { findBodyProblem, shapeOf, toInstance, type BodyProblem } from './body-shape.js';

const PRIMITIVES: Function[] = [String, Boolean, Number, Array, Object];

const VALIDATOR_OPTIONS: ValidatorOptions = {
  whitelist: true,
  forbidNonWhitelisted: true,
  forbidUnknownValues: true,
  stopAtFirstError: true,
  validationError: { target: false, value: false },
};

/**
 * Request-body validation for every handler (class-validator DTOs): unknown properties, NUL
 * characters, wrong types and rule violations are 400 naming the property; nothing is written.
 * The JSON parser (graph/http/json-body.ts) has already bounded the body's size, depth and keys and
 * made sure it is an object. The unknown-property and NUL pass (body-shape.ts) runs first and the
 * DTO is built from the declared properties only, so the cost is bounded by what the DTO declares,
 * never by what the client sent. Non-body parameters keep Nest's ValidationPipe.
 */
export class GraphValidationPipe extends ValidationPipe {
  constructor() {
    super({ ...VALIDATOR_OPTIONS, transform: true, validateCustomDecorators: false, exceptionFactory: (errors) => toGraphError(errors) });
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type !== 'body') return super.transform(value, metadata);
    const cls = metadata.metatype && !PRIMITIVES.includes(metadata.metatype) ? metadata.metatype : undefined;
    if (value !== undefined) {
      // `undefined` is "no body" (an empty request body): an empty object. Anything else must be an object.
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        throw GraphErrors.badRequest('The request body must be a JSON object.');
      }
      const problem = findBodyProblem(value, cls);
      if (problem) throw problemError(problem);
    }
    if (!cls) return value;
    const instance = toInstance(value ?? {}, cls);
    // A DTO with no properties (an action without parameters): nothing left to check.
    if (shapeOf(cls).properties.size === 0) return instance;
    const errors = await validate(instance, VALIDATOR_OPTIONS);
    if (errors.length) throw toGraphError(errors);
    return instance;
  }
}

export function graphValidationPipe(): GraphValidationPipe {
  return new GraphValidationPipe();
}

function problemError(problem: BodyProblem): GraphException {
  const path = shorten(problem.path);
  if (problem.kind === 'pollution') return GraphErrors.badRequest(`The property '${path}' is not accepted in a request body.`);
  if (problem.kind === 'unknown') {
    return GraphErrors.invalidProperty(`Property '${path}' does not exist on this resource or cannot be set.`);
  }
  return withCode(problem.graphCode, `Invalid value specified for property '${path}': must not contain NUL characters (U+0000)`);
}

/** Property names come from the client: echo at most 64 characters of one. */
function shorten(path: string): string {
  return path.length > 64 ? `${path.slice(0, 64)}…` : path;
}

function withCode(graphCode: string | undefined, message: string): GraphException {
  return graphCode ? new GraphException(400, graphCode, message) : GraphErrors.invalidProperty(message);
}

export function toGraphError(errors: ValidationError[]): GraphException {
  const first = firstLeaf(errors);
  if (!first) return GraphErrors.badRequest('Empty Payload. JSON content expected.');
  const { path, error } = first;
  const constraints = error.constraints ?? {};
  if (constraints.whitelistValidation) {
    return GraphErrors.invalidProperty(`Property '${shorten(path)}' does not exist on this resource or cannot be set.`);
  }
  if (constraints.unknownValue) return GraphErrors.badRequest('The request body must be a JSON object.');
  const [name, message = 'is invalid'] = Object.entries(constraints)[0] ?? [];
  // A rule may name the Graph code its workload uses (`context: { graphCode }`), e.g. auth methods' badRequest.
  const graphCode = (error.contexts?.[name ?? ''] as { graphCode?: string } | undefined)?.graphCode;
  return withCode(graphCode, `Invalid value specified for property '${path}': ${message}`);
}

function firstLeaf(errors: ValidationError[], prefix = ''): { path: string; error: ValidationError } | undefined {
  for (const e of errors) {
    const path = prefix ? `${prefix}.${e.property}` : e.property;
    if (e.constraints && Object.keys(e.constraints).length) return { path, error: e };
    const nested = firstLeaf(e.children ?? [], path);
    if (nested) return nested;
  }
  return undefined;
}
