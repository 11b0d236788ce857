import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { SessionsModule } from '../auth/sessions/sessions.module.js';
import { UserEntity } from './user.entity.js';
import { UsersController } from './users.controller.js';
import { UsersDeltaService } from './users-delta.service.js';
import { UsersRepository } from './users.repository.js';
import { UsersService } from './users.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([UserEntity]), SessionsModule],
  controllers: [UsersController],
  providers: [UsersRepository, UsersService, UsersDeltaService],
  exports: [UsersService, UsersRepository],
})
export class UsersModule {}
