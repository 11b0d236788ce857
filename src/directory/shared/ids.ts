import { createHash } from 'node:crypto';
import { GraphErrors } from '../../graph/errors/graph.exception.js';
import { GUID_PATTERN as GUID } from '../../graph/odata/literals.js';

export { GUID };

/** A directory object id from the URL: lower-cased GUID, or 404 as Graph answers for any unknown key. */
export function directoryObjectId(id: string): string {
  if (!GUID.test(id)) throw GraphErrors.resourceNotFound(id);
  return id.toLowerCase();
}

/** A name-based UUID (RFC 9562 v5, SHA-1): the same inputs always name the same object. */
export function uuidV5(namespace: string, name: string): string {
  const hash = createHash('sha1')
    .update(Buffer.from(namespace.replaceAll('-', ''), 'hex'))
    .update(name, 'utf8')
    .digest();
  hash[6] = (hash[6] & 0x0f) | 0x50;
  hash[8] = (hash[8] & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
