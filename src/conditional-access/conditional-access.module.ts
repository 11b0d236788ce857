import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccrController } from './accr.controller.js';
import { AccrEntity } from './accr.entity.js';
import { AccrRepository } from './accr.repository.js';
import { AccrService } from './accr.service.js';

/** Conditional Access: authentication contexts (authenticationContextClassReferences). */
@Module({
  imports: [TypeOrmModule.forFeature([AccrEntity])],
  controllers: [AccrController],
  providers: [AccrRepository, AccrService],
})
export class ConditionalAccessModule {}
