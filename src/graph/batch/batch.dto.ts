import { ApiProperty } from '@nestjs/swagger';
import { GraphEnum, GraphFreeForm, GraphNestedList, GraphString, GraphStringList, GraphStringMap } from '../validation/properties.js';

/** At most this many requests in one batch (Graph's limit, json-batching.md). */
export const MAX_BATCH_REQUESTS = 20;
/** The methods an inner request may use: every method a Graph route of this service answers. */
export const BATCH_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
/** Longest inner url accepted (batching is Graph's workaround for long filter URLs: be generous). */
export const MAX_BATCH_URL_LENGTH = 16_384;

/** One request of a JSON batch (graph-spec §4.9). */
export class BatchRequestItemDto {
  @GraphString({
    required: true,
    minLength: 1,
    maxLength: 128,
    description: 'Correlates the response; unique in the batch, compared case-insensitively.',
    example: '1',
  })
  id!: string;

  @GraphEnum(BATCH_METHODS, { required: true, description: 'The HTTP method (upper case).', example: 'GET' })
  method!: (typeof BATCH_METHODS)[number];

  @GraphString({
    required: true,
    minLength: 1,
    maxLength: MAX_BATCH_URL_LENGTH,
    description: 'Relative to the version: `/users` (the leading slash is optional; `/v1.0/...` or `/beta/...` names the version).',
    example: '/me',
  })
  url!: string;

  @GraphStringMap({ maxKeys: 32, maxLength: 8192, description: 'Request headers; required with a body, and must then carry `Content-Type`.' })
  headers?: Record<string, string>;

  @GraphFreeForm({ description: 'A JSON object (with `Content-Type: application/json`), or a base64 string for other content types.' })
  body?: unknown;

  @GraphStringList({
    maxItems: MAX_BATCH_REQUESTS,
    maxLength: 128,
    description: 'Ids of earlier requests of the batch this one runs after; it gets `424` if one of them failed.',
  })
  dependsOn?: string[];
}

/** The body of `POST /$batch`. */
export class BatchRequestDto {
  @GraphNestedList(() => BatchRequestItemDto, { required: true, minItems: 1, maxItems: MAX_BATCH_REQUESTS, description: 'The requests (1 to 20).' })
  requests!: BatchRequestItemDto[];
}

/** One answer of a JSON batch: what the direct call would have answered. */
export class BatchResponseItemDto {
  @ApiProperty({ description: 'The id of the request this answers.' })
  id!: string;

  @ApiProperty({ type: 'integer', description: 'The HTTP status of the request (`424` when a request it depends on failed).' })
  status!: number;

  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'string' },
    description: 'The response headers (`Content-Type`, `Location`, `Retry-After`, `request-id`, ...).',
  })
  headers!: Record<string, string>;

  @ApiProperty({ required: false, description: 'The response body: JSON as JSON, text as a string, anything else base64.' })
  body?: unknown;
}

export class BatchResponseDto {
  @ApiProperty({ type: [BatchResponseItemDto] })
  responses!: BatchResponseItemDto[];
}
