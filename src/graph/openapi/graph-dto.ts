import { ApiProperty, ApiPropertyOptional, type ApiPropertyOptions } from '@nestjs/swagger';
import { GraphEntity } from './graph-schemas.js';

type Props = Record<string, ApiPropertyOptions>;
type Cls = new () => object;

/*
 * Response schema classes built from a property table, for resources whose bodies are validated by Graph's
 * own types (document-schema) rather than by DTO classes: Swagger needs a named class per schema.
 */

/** A response schema documenting one Graph type (graph-documents.ts keeps only that type's properties per version). */
export function graphEntityDto(name: string, graphType: string, props: Props, withContext = false): Cls {
  const cls = { [name]: class {} }[name] as Cls;
  if (withContext) ApiProperty({ type: String, description: 'The `@odata.context` of the answer.' })(cls.prototype, '@odata.context');
  for (const [key, options] of Object.entries(props)) ApiProperty(options)(cls.prototype, key);
  GraphEntity(graphType, `as Graph returns it.`)(cls);
  return cls;
}

/** `{ @odata.context, @odata.count?, @odata.nextLink?, value: [item] }`. */
export function graphCollectionDto(name: string, item: Cls): Cls {
  const cls = { [name]: class {} }[name] as Cls;
  ApiProperty({ type: String })(cls.prototype, '@odata.context');
  ApiPropertyOptional({ type: Number, description: 'With `$count=true`.' })(cls.prototype, '@odata.count');
  ApiPropertyOptional({ type: String, description: 'The next page, when there is one.' })(cls.prototype, '@odata.nextLink');
  ApiProperty({ type: [item] })(cls.prototype, 'value');
  return cls;
}
