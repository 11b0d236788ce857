import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { Equals, ValidateIf, type ValidationOptions } from 'class-validator';

/**
 * `@odata.type` in a write body: optional; when sent it must name the expected type exactly
 * (`#microsoft.graph.x`, with the `#`). A wrong value is a 400 naming the property.
 *
 * `options.context` travels with the rule to `toGraphError` (graph-validation.pipe.ts): a workload that
 * answers with its own code passes `{ context: { graphCode: 'badRequest' } }` (authentication
 * methods); without it the error is the directory's `Request_BadRequest` (ACCR).
 */
export function IsODataType(expected: string, options: Pick<ValidationOptions, 'context'> = {}) {
  return applyDecorators(
    ValidateIf((o: Record<string, unknown>) => o['@odata.type'] !== undefined),
    Equals(expected, { ...options, message: `must be '${expected}'` }),
    ApiProperty({ name: '@odata.type', required: false, enum: [expected], description: 'Optional; the resource type.' }),
  );
}
