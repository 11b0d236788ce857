import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { SignInLog } from './sign-in-log.js';
import { SignInLogsController } from './sign-in-logs.controller.js';
import { SignInLogsRepository } from './sign-in-logs.repository.js';
import { SignInLogsService } from './sign-in-logs.service.js';
import { SignInEntity } from './sign-in.entity.js';

/** `/auditLogs/signIns` and `SignInLog`, which the identity platform records sign-ins through (issue #14). */
@Module({
  imports: [TypeOrmModule.forFeature([SignInEntity])],
  controllers: [SignInLogsController],
  providers: [SignInLog, SignInLogsRepository, SignInLogsService],
  exports: [SignInLog],
})
export class AuditLogsModule {}
