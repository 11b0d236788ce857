import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { RoleManagementModule } from '../../role-management/role-management.module.js';
import { ThrottlingModule } from '../../throttling/throttling.module.js';
import { AuthModule } from '../auth.module.js';
import { SessionsModule } from '../sessions/sessions.module.js';
import { StepUpStage } from '../step-up/step-up.stage.js';
import { RequestPipeline } from './request-pipeline.guard.js';

/** Registers the request pipeline (request-pipeline.guard.ts) as the application's only guard. */
@Module({
  imports: [AuthModule, SessionsModule, ThrottlingModule, RoleManagementModule],
  providers: [StepUpStage, { provide: APP_GUARD, useClass: RequestPipeline }],
})
export class RequestPipelineModule {}
