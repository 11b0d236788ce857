import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { GraphErrors } from '../graph/errors/graph.exception.js';

@Injectable()
export class HealthService {
  constructor(private readonly dataSource: DataSource) {}

  async check(): Promise<{ status: 'ok' }> {
    try {
      await this.dataSource.query('SELECT 1');
      return { status: 'ok' };
    } catch {
      throw GraphErrors.serviceNotAvailable();
    }
  }
}
