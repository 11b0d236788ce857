import { GraphString } from '../../graph/validation/properties.js';
import { GUID_PATTERN as GUID } from '../../graph/odata/literals.js';

/** `POST /directoryObjects/validateProperties` (and `/users/validateProperties`). */
export class ValidatePropertiesDto {
  @GraphString({ required: true, minLength: 1, maxLength: 64, example: 'Group', description: '`Group` is the only supported entity type.' })
  entityType: string;

  @GraphString({ maxLength: 256, example: 'Contoso Marketing' })
  displayName?: string;

  @GraphString({ maxLength: 64, example: 'marketing' })
  mailNickname?: string;

  @GraphString({ pattern: GUID, message: 'must be a GUID', format: 'uuid', description: 'Validate as this user (their roles and attributes).' })
  onBehalfOfUserId?: string;
}
