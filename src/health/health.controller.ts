import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthService } from './health.service.js';
import { Public } from '../auth/public.decorator.js';

@ApiTags('service')
@Controller('health')
export class HealthController {
  constructor(private readonly health: HealthService) {}

  @Get()
  @Public()
  @ApiOperation({ operationId: 'service.GetHealth', summary: 'Liveness and database check', description: '200 when Postgres answers, 503 otherwise.' })
  check(): Promise<{ status: 'ok' }> {
    return this.health.check();
  }
}
