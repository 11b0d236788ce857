import { SigningKeyEntity } from '../auth/keys/signing-key.entity.js';
import { AccrEntity } from '../conditional-access/accr.entity.js';
import { UserEntity } from '../users/user.entity.js';

/** Every TypeORM entity, listed explicitly (no globs: the same list serves the app, the CLI and jest). */
export const ENTITIES: Function[] = [UserEntity, SigningKeyEntity, AccrEntity];
