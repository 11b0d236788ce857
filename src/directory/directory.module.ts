import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ApplicationEntity } from './applications/application.entity.js';
import { ApplicationRepository } from './applications/application.repository.js';
import { ApplicationsController } from './applications/applications.controller.js';
import { ApplicationsService } from './applications/applications.service.js';

/** The directory sign-in reads (issue #14): app registrations, service principals, grants, role assignments. */
@Module({
  imports: [TypeOrmModule.forFeature([ApplicationEntity])],
  controllers: [ApplicationsController],
  providers: [ApplicationRepository, ApplicationsService],
  exports: [ApplicationRepository],
})
export class DirectoryModule {}
