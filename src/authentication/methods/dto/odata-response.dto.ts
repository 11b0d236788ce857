import type { Type } from '@nestjs/common';
import { ApiProperty, ApiSchema, IntersectionType } from '@nestjs/swagger';
import { GraphEntity, graphTypeOfClass, registerGraphSchema } from '../../../graph/openapi/graph-schemas.js';

export { GraphEntity };

/**
 * Response shapes are documentation only (Swagger): nothing validates or builds responses from
 * them; the services render Graph JSON (families/method-families.ts). Examples follow graph-spec §2.
 */

/** `@odata.context` as Graph writes it for something under a user's `authentication` (graph-spec §2.4). */
export const exampleContext = (rest: string, version: 'v1.0' | 'beta' = 'v1.0') =>
  `https://graph.microsoft.com/${version}/$metadata#users('CameronW%40contoso.com')/authentication${rest}`;

const CONTEXT_DESCRIPTION =
  "`{base}/$metadata#users('{key}')/authentication/…`: the user key as the URL gave it (URL-encoded; `/me` as the caller's id). " +
  'With `$select`, the selected properties follow the segment in parentheses.';

/** Declares `@odata.context` on a class; declared first, it comes first in the schema. */
function declareContext(cls: Type<object>, example: string): void {
  ApiProperty({ name: '@odata.context', type: String, format: 'uri', example, description: CONTEXT_DESCRIPTION })(cls.prototype, '@odata.context');
}

function contextOnly(example: string): Type<object> {
  class ODataContext {}
  declareContext(ODataContext, example);
  return ODataContext;
}

/** A named schema: `@ApiSchema` gives it the name and description Swagger shows. */
function named<T extends Type<object>>(cls: T, name: string, description: string): T {
  ApiSchema({ name, description })(cls);
  Object.defineProperty(cls, 'name', { value: name });
  return cls;
}

/** `{ "@odata.context": "…/$entity", …entity }`: one entity (GET by id, 201 create). */
export function ODataEntityResponse<T>(entity: Type<T>, name: string, context: string): Type<T & { '@odata.context': string }> {
  const cls = IntersectionType(contextOnly(context), entity as Type<object>) as Type<T & { '@odata.context': string }>;
  const graphType = graphTypeOfClass(entity);
  if (graphType) registerGraphSchema(cls, graphType);
  return named(cls, name, `One \`${graphTypeOf(entity)}\` with its \`@odata.context\`.`);
}

/** `{ "@odata.context": "…", "value": [ … ] }`: a collection; these are small and never paged. */
export function ODataCollectionResponse<T>(item: Type<T>, name: string, context: string): Type<{ '@odata.context': string; value: T[] }> {
  class Collection {}
  declareContext(Collection, context);
  ApiProperty({ type: [item], description: `Every \`${graphTypeOf(item)}\`; not paged (no \`@odata.nextLink\`).` })(Collection.prototype, 'value');
  return named(Collection, name, `A collection of \`${graphTypeOf(item)}\`.`) as Type<{ '@odata.context': string; value: T[] }>;
}

/** The Graph type an entity DTO documents, as `@GraphEntity` recorded it. */
function graphTypeOf(entity: Type<unknown>): string {
  const type = graphTypeOfClass(entity);
  return type ? `microsoft.graph.${type}` : entity.name;
}

/** What the method-family registry carries for Swagger: the entity, one with context, the collection. */
export interface MethodResponses {
  /** The entity as it appears in a collection's `value` and in the polymorphic `methods`. */
  readonly item: Type<unknown>;
  /** GET `{family}/{id}` (and the family's 201 create, if any). */
  readonly entity: Type<unknown>;
  /** GET `{family}`. */
  readonly collection: Type<unknown>;
}

/** The three response shapes of a method family, from its entity DTO and URL segment. */
export function methodResponses(item: Type<unknown>, segment: string): MethodResponses {
  const base = item.name.replace(/Dto$/, '');
  return {
    item,
    entity: ODataEntityResponse(item, `${base}ResponseDto`, exampleContext(`/${segment}/$entity`)),
    collection: ODataCollectionResponse(item, `${base}CollectionDto`, exampleContext(`/${segment}`)),
  };
}

/**
 * `@odata.type` on a method entity: always present in the polymorphic `methods` collection (its
 * discriminator) and in the TAP 201; the family's own routes omit it (graph-spec §2.5).
 */
export function MethodODataType(odataType: string): PropertyDecorator {
  return ApiProperty({
    name: '@odata.type',
    required: false,
    enum: [odataType],
    example: odataType,
    description: 'The method type: always present in `methods` (the discriminator); omitted by the family routes.',
  });
}
