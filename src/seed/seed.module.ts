import { Module } from '@nestjs/common';
import { SeedRepository } from './seed.repository.js';
import { SeedService } from './seed.service.js';

/** `SEED_FILE`: the declarative seed loaded at start (docs/choices.md "The seed file (issue #14)"). */
@Module({ providers: [SeedRepository, SeedService] })
export class SeedModule {}
