import { ApiExtraModels, ApiProperty, ApiSchema, getSchemaPath } from '@nestjs/swagger';
import type { ReferenceObject, SchemaObject } from '@nestjs/swagger';
import { METHOD_FAMILIES } from '../families/method-families.js';
import { exampleContext } from './odata-response.dto.js';

/** Every family's entity DTO, from the registry: the members of the polymorphic `authenticationMethod`. */
export const METHOD_ITEM_DTOS = METHOD_FAMILIES.map((f) => f.responses.item);

/**
 * One item of `methods`: any family, always with `@odata.type`, which tells them apart
 * (graph-spec §2.5). The mapping comes from the registry, so it names every family served.
 */
export const AUTHENTICATION_METHOD_SCHEMA: SchemaObject = {
  description: 'An `authenticationMethod` of any family; `@odata.type` (always present here) names it.',
  // anyOf, not oneOf: the family schemas overlap (their `@odata.type` is optional, the family routes omit it).
  anyOf: METHOD_ITEM_DTOS.map((dto): ReferenceObject => ({ $ref: getSchemaPath(dto) })),
  discriminator: {
    propertyName: '@odata.type',
    mapping: Object.fromEntries(METHOD_FAMILIES.map((f) => [f.odataType, getSchemaPath(f.responses.item)])),
  },
};

const CONTEXT = { type: 'string', format: 'uri', example: exampleContext('/methods/$entity') } as const;

/** `GET {u}/authentication/methods/{id}`: `@odata.context` and one method of any family. */
export const AUTHENTICATION_METHOD_RESPONSE_SCHEMA: SchemaObject = {
  allOf: [{ type: 'object', required: ['@odata.context'], properties: { '@odata.context': CONTEXT } }, AUTHENTICATION_METHOD_SCHEMA],
};

/** `GET {u}/authentication/methods`: every registered method, the password first. */
@ApiExtraModels(...METHOD_ITEM_DTOS)
@ApiSchema({ description: 'A collection of `authenticationMethod`, mixed families, each item with `@odata.type`.' })
export class AuthenticationMethodCollectionDto {
  @ApiProperty({ type: String, format: 'uri', example: exampleContext('/methods') })
  '@odata.context': string;

  @ApiProperty({
    type: 'array',
    items: AUTHENTICATION_METHOD_SCHEMA,
    description: 'Every method the user has registered, the password method first; not paged.',
  })
  value: unknown[];
}
