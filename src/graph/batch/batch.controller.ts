import { Body, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Public } from '../../auth/public.decorator.js';
import { GraphController } from '../graph-controller.decorator.js';
import { BatchRequestDto, BatchResponseDto } from './batch.dto.js';
import { BatchService } from './batch.service.js';

const EACH = 'Those of each request in the batch.';
/** In the layout of the permission tables (auth/permissions/permission-table.markdown.ts), so Swagger UI shows it alike. */
const BATCH_DESCRIPTION = [
  "**Permissions**: none for the batch itself; each request needs its own operation's, checked with the batch's bearer token.",
  '',
  '|Permission type|Permissions|',
  '|:---|:---|',
  `|Delegated (work or school account)|${EACH}|`,
  `|Delegated (personal Microsoft account)|${EACH}|`,
  `|Application|${EACH}|`,
  '',
  'Each request runs as a direct call (permissions, throttling, validation) and answers in its own slot; `dependsOn` orders requests, and a failed dependency gives `424`. The batch is `400` when malformed (nothing runs) and `200` otherwise.',
].join('\n');

/**
 * `POST /{version}/$batch`. Public like Graph's: the batch itself needs no permission; each inner
 * request carries the batch's bearer token through the whole pipeline and answers 401/403 in its
 * own slot (docs/choices.md "JSON batching").
 */
@GraphController('', { tag: 'batch' })
export class BatchController {
  constructor(private readonly batch: BatchService) {}

  @Post('$batch')
  @Public()
  @HttpCode(200)
  @ApiOperation({
    operationId: 'batch.CreateBatch',
    summary: 'Run up to 20 requests in one call (JSON batching)',
    description: BATCH_DESCRIPTION,
  })
  @ApiOkResponse({ type: BatchResponseDto })
  @ApiBadRequestResponse({
    description:
      'The batch is malformed: more than 20 requests, duplicate ids, unknown dependsOn, a body without Content-Type, an absolute URL or one whose dot segments leave its version, a nested $batch.',
  })
  run(@Body() body: BatchRequestDto, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    return this.batch.run(body, request, reply);
  }
}
