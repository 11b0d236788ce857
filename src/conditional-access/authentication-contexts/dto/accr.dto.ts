import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { GraphEntity } from '../../../graph/openapi/graph-schemas.js';
import { IsODataType } from '../../../graph/validation/odata-type.decorator.js';
import { IsAcrId, IsNullableText, IsAvailableFlag } from './accr-validation.decorators.js';

const EXAMPLE_CONTEXT = 'https://graph.example/v1.0/$metadata#identity/conditionalAccess/authenticationContextClassReferences';
const ODATA_TYPE = '#microsoft.graph.authenticationContextClassReference';
const DISPLAY_NAME = 'Friendly name for admin experiences such as a picker.';
const DESCRIPTION = 'Short explanation of the policies the context enforces, for admin experiences.';
const IS_AVAILABLE = 'Published by the security admin and ready for apps to use. Defaults to false. A published context cannot be deleted.';

/** The writable properties shared by every write body. */
abstract class AccrWritableDto {
  @IsODataType(ODATA_TYPE)
  '@odata.type'?: string;

  @IsNullableText(256, DISPLAY_NAME, 'Contoso medium')
  displayName?: string | null;

  @IsNullableText(1024, DESCRIPTION, 'Medium protection level defined for Contoso policy')
  description?: string | null;

  @IsAvailableFlag(IS_AVAILABLE)
  isAvailable?: boolean;
}

/** `POST` and `PATCH` on the collection: the body names the context. */
export class CreateAccrDto extends AccrWritableDto {
  @IsAcrId({ required: true })
  id: string;
}

/** `PATCH /{id}`: `id` may be repeated, but must equal the URL's. */
export class UpdateAccrDto extends AccrWritableDto {
  @IsAcrId({ required: false })
  id?: string;
}

/** Response: one context (GET, POST 201, collection PATCH). */
@GraphEntity('microsoft.graph.authenticationContextClassReference', 'one context, with its `@odata.context`.')
export class AccrResponseDto {
  @ApiProperty({ example: `${EXAMPLE_CONTEXT}/$entity` })
  '@odata.context': string;

  @ApiProperty({ example: 'c1', pattern: '^c([1-9]|1\\d|2[0-5])$' })
  id: string;

  @ApiProperty({ type: String, nullable: true, description: DISPLAY_NAME })
  displayName: string | null;

  @ApiProperty({ type: String, nullable: true, description: DESCRIPTION })
  description: string | null;

  @ApiProperty({ description: IS_AVAILABLE })
  isAvailable: boolean;
}

/** An element of the list: no annotations. */
@GraphEntity('microsoft.graph.authenticationContextClassReference', 'an authentication context (c1…c25).')
export class AccrItemDto {
  @ApiProperty({ example: 'c1' })
  id: string;

  @ApiProperty({ type: String, nullable: true })
  displayName: string | null;

  @ApiProperty({ type: String, nullable: true })
  description: string | null;

  @ApiProperty()
  isAvailable: boolean;
}

export class AccrCollectionDto {
  @ApiProperty({ example: EXAMPLE_CONTEXT })
  '@odata.context': string;

  @ApiPropertyOptional({ description: 'With `$count=true`: how many contexts match the filter.' })
  '@odata.count'?: number;

  @ApiProperty({ type: [AccrItemDto] })
  value: AccrItemDto[];
}
