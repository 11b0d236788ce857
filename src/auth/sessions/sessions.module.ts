import { Module } from '@nestjs/common';
import { SessionRevocationsRepository } from './session-revocations.repository.js';
import { SessionStateCache } from './session-state.cache.js';
import { SessionStage } from './session.stage.js';

/**
 * Users' sign-in sessions state (DECISIONS §9): revocations, disabled and deleted users; the users module writes
 * it, the request pipeline's session stage reads it.
 */
@Module({
  providers: [SessionRevocationsRepository, SessionStateCache, SessionStage],
  exports: [SessionRevocationsRepository, SessionStateCache, SessionStage],
})
export class SessionsModule {}
