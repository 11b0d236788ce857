import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ThrottleGuard } from './throttle.guard.js';
import { ThrottleService } from './throttle.service.js';

/**
 * Graph-style throttling (graph-spec §4.8). Import it after AuthModule: global guards run in
 * registration order, and this one needs the principal the JWT guard sets.
 */
@Module({
  providers: [ThrottleService, { provide: APP_GUARD, useClass: ThrottleGuard }],
  exports: [ThrottleService],
})
export class ThrottlingModule {}
