import { GraphBoolean, GraphString } from '../../../graph/validation/properties.js';

/** `c1` … `c25`, lowercase, nothing else (DECISIONS §2). */
export const ACR_ID_PATTERN = /^c([1-9]|1\d|2[0-5])$/;
const ACR_ID_MESSAGE = "must be one of 'c1' through 'c25' (lowercase)";
const ACR_ID_DESCRIPTION =
  'Identifier of the authentication context: one of `c1` through `c25` (lowercase). It is the value issued in the ' +
  '`acrs` claim of an access token once the context is satisfied. Immutable.';

/** `id`: required on creates, optional (but then equal to the URL's) on `PATCH /{id}`; never null. */
export function IsAcrId(options: { required: boolean }) {
  return GraphString({
    required: options.required,
    pattern: ACR_ID_PATTERN,
    message: ACR_ID_MESSAGE,
    description: ACR_ID_DESCRIPTION,
    example: 'c1',
  });
}

/** An optional string of at most `maxLength` characters: `null` clears it, omitting it keeps the stored value. */
export function IsNullableText(maxLength: number, description: string, example: string) {
  return GraphString({ nullable: true, maxLength, description, example });
}

/** `isAvailable`: a JSON boolean when sent; `null` is refused, the property is never null (default false). */
export function IsAvailableFlag(description: string) {
  return GraphBoolean({ description, default: false, example: true });
}
