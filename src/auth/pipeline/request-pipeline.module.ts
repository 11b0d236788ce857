import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { RoleManagementModule } from '../../role-management/role-management.module.js';
import { ThrottlingModule } from '../../throttling/throttling.module.js';
import { AuthModule } from '../auth.module.js';
import { SessionsModule } from '../sessions/sessions.module.js';
import { StepUpStage } from '../step-up/step-up.stage.js';
import { RequestPipeline } from './request-pipeline.guard.js';

/**
 * Registers the request pipeline (request-pipeline.guard.ts) as the application's only guard, and exports it for
 * in-process dispatch (an inner `$batch` request must get the same answers as a top-level one).
 */
@Module({
  imports: [AuthModule, SessionsModule, ThrottlingModule, RoleManagementModule],
  providers: [StepUpStage, RequestPipeline, { provide: APP_GUARD, useExisting: RequestPipeline }],
  exports: [RequestPipeline],
})
export class RequestPipelineModule {}
