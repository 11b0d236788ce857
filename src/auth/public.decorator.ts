import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'graph:isPublic';

/** Opts a route out of the global authentication guard (health, docs, discovery). Deny is the default. */
export const Public = () => SetMetadata(IS_PUBLIC, true);
