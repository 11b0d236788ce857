import { Module } from '@nestjs/common';
import { ThrottleGuard } from './throttle.guard.js';
import { ThrottleService } from './throttle.service.js';

/**
 * Graph-style throttling (graph-spec §4.8). `ThrottleGuard` is the last stage of the request pipeline
 * (auth/pipeline/request-pipeline.guard.ts), after the stages that set and check the principal.
 */
@Module({
  providers: [ThrottleService, ThrottleGuard],
  exports: [ThrottleService, ThrottleGuard],
})
export class ThrottlingModule {}
