import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { GraphErrors, GraphException } from '../errors/graph.exception.js';

/**
 * Request-body validation for every handler (class-validator DTOs): unknown properties, wrong
 * types and rule violations are 400 `Request_BadRequest` naming the property; nothing is written.
 */
export function graphValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    validateCustomDecorators: false,
    stopAtFirstError: true,
    exceptionFactory: (errors) => toGraphError(errors),
  });
}

export function toGraphError(errors: ValidationError[]): GraphException {
  const first = firstLeaf(errors);
  if (!first) return GraphErrors.badRequest('Empty Payload. JSON content expected.');
  const { path, error } = first;
  const constraints = error.constraints ?? {};
  if (constraints.whitelistValidation) {
    return GraphErrors.invalidProperty(`Property '${path}' does not exist on this resource or cannot be set.`);
  }
  if (constraints.unknownValue) return GraphErrors.badRequest('The request body must be a JSON object.');
  const [name, message = 'is invalid'] = Object.entries(constraints)[0] ?? [];
  // A rule may name the Graph code its workload uses (`context: { graphCode }`), e.g. auth methods' badRequest.
  const graphCode = (error.contexts?.[name ?? ''] as { graphCode?: string } | undefined)?.graphCode;
  if (graphCode) return new GraphException(400, graphCode, `Invalid value specified for property '${path}': ${message}`);
  return GraphErrors.invalidProperty(`Invalid value specified for property '${path}': ${message}`);
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
