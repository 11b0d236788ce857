import { Injectable } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { errorEnvelope } from '../errors/error-envelope.js';
import { GraphErrors } from '../errors/graph.exception.js';
import { graphVersionOf } from '../http/base-url.js';
import { generateRequestId } from '../http/request-ids.js';
import { planBatch, type PlannedRequest } from './batch-plan.js';
import { BATCH_CONCURRENCY, runBatch, type BatchResponseItem } from './batch-runner.js';
import type { BatchRequestDto, BatchResponseDto } from './batch.dto.js';
import { dispatchInProcess, isBatchInnerRequest } from './in-process-dispatch.js';

/**
 * JSON batching (DECISIONS §11, graph-spec §4.9): validates the whole batch first (any breach is
 * `400` and nothing runs), then runs every request through the service's own pipeline with the
 * batch's token, and answers `200` with one response per request, in request order.
 */
@Injectable()
export class BatchService {
  constructor(private readonly adapterHost: HttpAdapterHost) {}

  async run(batch: BatchRequestDto, request: FastifyRequest, reply: FastifyReply): Promise<BatchResponseDto> {
    if (isBatchInnerRequest(request)) throw GraphErrors.badRequest('Invalid batch payload: batches cannot be nested.');
    const plan = planBatch(batch, graphVersionOf(request.url));
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    // The client hung up before its answer: dispatch nothing more (running requests finish).
    const gone = new AbortController();
    const onClose = () => {
      if (!reply.raw.writableFinished) gone.abort();
    };
    reply.raw.once('close', onClose);
    try {
      const results = await runBatch(plan, {
        concurrency: BATCH_CONCURRENCY,
        signal: gone.signal,
        dispatch: (inner) => dispatchInProcess(fastify, request, inner),
        failedDependency: (inner, dependency) => failedDependency(request, inner, dependency),
      });
      return { responses: results.filter((r): r is BatchResponseItem => r !== undefined) };
    } finally {
      reply.raw.off('close', onClose);
    }
  }
}

function failedDependency(batch: FastifyRequest, request: PlannedRequest, dependency: PlannedRequest): BatchResponseItem {
  const error = GraphErrors.failedDependency(dependency.id);
  const requestId = generateRequestId();
  const clientRequestId = request.headers['client-request-id'] ?? batch.clientRequestId;
  return {
    id: request.id,
    status: error.getStatus(),
    headers: { 'Content-Type': 'application/json', 'request-id': requestId, 'client-request-id': clientRequestId },
    body: errorEnvelope(error.code, error.message, { requestId, clientRequestId }),
  };
}
