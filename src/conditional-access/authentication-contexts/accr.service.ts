import { Injectable } from '@nestjs/common';
import { GraphErrors } from '../../graph/errors/graph.exception.js';
import { countResult, parseCountQuery } from '../../graph/count.js';
import type { GraphCall } from '../../graph/graph-call.js';
import { GraphResult } from '../../graph/graph-result.js';
import { collectionBody, entityBody } from '../../graph/collection/collection-body.js';
import { parseODataQuery } from '../../graph/odata/index.js';
import { ACCR_GET_QUERY, ACCR_LIST_QUERY } from './accr.odata.js';
import { AccrRepository, type AccrChanges } from './accr.repository.js';
import { ACCR_PATH, entityLocation, toGraph, type AccrJson } from './accr.representation.js';
import type { CreateAccrDto, UpdateAccrDto } from './dto/accr.dto.js';
import { ContextReferencesService, inUseError, isForeignKeyViolation } from '../references/context-references.service.js';
import { ResourceActionsRepository } from '../../role-management/resource-actions/resource-actions.repository.js';
import type { EntityManager } from 'typeorm';
import { CA_ERROR, caError } from '../schema/ca-errors.js';

/** A response body: `@odata.context` and the (projected) context. */
type GraphBody = Record<string, unknown>;

/** The rules of authenticationContextClassReferences (DECISIONS §2), per tenant. */
@Injectable()
export class AccrService {
  constructor(
    private readonly repo: AccrRepository,
    private readonly references: ContextReferencesService,
    private readonly bindings: ResourceActionsRepository,
  ) {}

  async list(tenantId: string, call: GraphCall): Promise<GraphBody> {
    // Parsed before any database work: a bad query is a 400 and costs nothing.
    const query = parseODataQuery(call.query, ACCR_LIST_QUERY);
    const { rows, count } = await this.repo.list(tenantId, query);
    // No paging option is enabled: `paging` only trims the look-ahead row (never a nextLink).
    return collectionBody(call, { context: ACCR_PATH, query, paging: ACCR_LIST_QUERY, rows, render: toGraph, count });
  }

  /** `GET …/authenticationContextClassReferences/$count` (text/plain; `$filter` allowed). */
  async count(tenantId: string, call: GraphCall): Promise<GraphResult<string>> {
    const query = parseCountQuery(call.query, ACCR_LIST_QUERY);
    const { count } = await this.repo.list(tenantId, query);
    return countResult(count ?? 0);
  }

  async get(tenantId: string, id: string, call: GraphCall): Promise<GraphBody> {
    const query = parseODataQuery(call.query, ACCR_GET_QUERY);
    const row = await this.repo.findOne(tenantId, id);
    if (!row) throw notFound(id);
    return entityBody(call, ACCR_PATH, toGraph(row), query.select);
  }

  /** `POST` on the collection: create only; an existing id is 409. */
  async create(tenantId: string, dto: CreateAccrDto, call: GraphCall): Promise<GraphResult<GraphBody>> {
    const row = await this.repo.insertIfAbsent(tenantId, dto.id, changesOf(dto));
    if (!row) {
      throw GraphErrors.conflict(`An authenticationContextClassReference with id '${dto.id}' already exists. Use PATCH to update it.`);
    }
    return created(call, toGraph(row));
  }

  /** `PATCH` on the collection (the seed's create): 201 when new, 200 with the merged entity otherwise. */
  async upsertFromCollection(tenantId: string, dto: CreateAccrDto, call: GraphCall): Promise<GraphResult<GraphBody>> {
    const { row, inserted } = await this.repo.upsert(tenantId, dto.id, changesOf(dto), this.unpublishGuard(tenantId, dto.id, dto));
    if (inserted) return created(call, toGraph(row));
    return GraphResult.ok(entityBody(call, ACCR_PATH, toGraph(row)));
  }

  /** `PATCH /{id}`: create-or-update (graph-spec §1.2). `id` is immutable, so a different body id is 400. */
  async upsert(tenantId: string, id: string, dto: UpdateAccrDto): Promise<void> {
    if (dto.id !== undefined && dto.id !== id) {
      throw GraphErrors.invalidProperty(`Property 'id' is read-only and cannot be changed: the body says '${dto.id}', the URL '${id}'.`);
    }
    await this.repo.upsert(tenantId, id, changesOf(dto), this.unpublishGuard(tenantId, id, dto));
  }

  /**
   * DECISIONS §9: a context that protects resource actions cannot be unpublished. Checked with the context's row
   * locked (AccrRepository.upsert), against the bindings committed by then.
   */
  private unpublishGuard(tenantId: string, id: string, dto: { isAvailable?: boolean }) {
    if (dto.isAvailable !== false) return undefined;
    return async (m: EntityManager) => {
      const actions = await this.bindings.actionsBoundTo(tenantId, id, m);
      if (actions.length) throw boundError(id, actions, 'unpublished');
    };
  }

  /**
   * Only an unpublished context can be deleted (graph-spec §1.6), and only while no policy (live or
   * soft-deleted) names it (DECISIONS §2/§7). The check names the referrers; the reference index's foreign
   * key refuses a delete that races a policy naming the context, which is then explained the same way.
   */
  async delete(tenantId: string, id: string): Promise<void> {
    // A bound context is published (it cannot be unpublished while bound), so this comes before "published".
    const bound = await this.bindings.actionsBoundTo(tenantId, id);
    if (bound.length) throw boundError(id, bound, 'deleted');
    await this.references.assertDeletable(tenantId, id);
    // Delete first, explain after: the common case is one statement, and no check can go stale.
    for (let attempt = 0; attempt < 3; attempt++) {
      if (await this.deleteUnreferenced(tenantId, id)) return;
      const row = await this.repo.findOne(tenantId, id);
      if (!row) throw notFound(id);
      if (row.isAvailable) {
        throw GraphErrors.accessDenied(
          `The authenticationContextClassReference '${id}' is published (isAvailable is true) and cannot be deleted. ` + 'Set isAvailable to false first.',
        );
      }
      // Unpublished between the two statements: try again.
    }
    throw GraphErrors.conflict(`The authenticationContextClassReference '${id}' is being changed concurrently; retry.`);
  }

  private async deleteUnreferenced(tenantId: string, id: string): Promise<boolean> {
    try {
      return await this.repo.deleteUnpublished(tenantId, id);
    } catch (e) {
      if (!isForeignKeyViolation(e)) throw e;
      throw inUseError(id, await this.references.referrers(tenantId, id));
    }
  }
}

function changesOf(dto: CreateAccrDto | UpdateAccrDto): AccrChanges {
  return { displayName: dto.displayName, description: dto.description, isAvailable: dto.isAvailable };
}

function created(call: GraphCall, json: AccrJson): GraphResult<GraphBody> {
  return GraphResult.created(entityBody(call, ACCR_PATH, json), entityLocation(call, json.id));
}

/** 400: the context protects resource actions (DECISIONS §9); clearing their `authenticationContextId` comes first. */
function boundError(id: string, actions: string[], verb: 'unpublished' | 'deleted') {
  return caError(
    CA_ERROR.contextProtectsActions,
    `The authenticationContextClassReference '${id}' protects resource actions and cannot be ${verb}: ${actions.join(', ')}. ` +
      'Clear their authenticationContextId first.',
  );
}

function notFound(id: string) {
  return GraphErrors.itemNotFound(`The authenticationContextClassReference '${id}' does not exist.`);
}
