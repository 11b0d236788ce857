import { GraphStringList } from '../../graph/validation/properties.js';

/** `POST /directoryObjects/getByIds` and `/users/getByIds` (Graph: up to 1000 ids). */
export class GetByIdsDto {
  @GraphStringList({ required: true, maxItems: 1000, maxLength: 64, example: ['84b80893-8749-40a3-97b7-68513b600544'] })
  ids: string[];

  @GraphStringList({ maxItems: 32, maxLength: 64, example: ['user'], description: 'Directory object types to return; only `user` exists here.' })
  types?: string[];
}
