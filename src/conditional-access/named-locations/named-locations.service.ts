import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { collectionBody, entityBody } from '../../graph/collection/collection-body.js';
import { countResult } from '../../graph/count.js';
import type { GraphCall } from '../../graph/graph-call.js';
import { GraphResult } from '../../graph/graph-result.js';
import { documentFilterSql, parseDocumentQuery } from '../../graph/odata/document-filter.js';
import { parseODataQuery } from '../../graph/odata/index.js';
import { ReferenceIndexRepository } from '../references/reference-index.repository.js';
import { CA_ERROR, caError, listIds } from '../schema/ca-errors.js';
import { caNotFound, iso, requireGuid } from '../schema/ca-responses.js';
import { MAX_LOCATIONS_PER_TENANT, ODATA_TYPES, parseLocationCreate, parseLocationPatch } from './named-location-rules.js';
import { NAMED_LOCATION_FILTER, NAMED_LOCATION_GET_QUERY, NAMED_LOCATION_LIST_QUERY } from './named-location.odata.js';
import { NamedLocationsRepository, type LocationScope, type NamedLocationRow } from './named-locations.repository.js';

export const NAMED_LOCATIONS_PATH = 'identity/conditionalAccess/namedLocations';
export const DELETED_NAMED_LOCATIONS_PATH = 'identity/conditionalAccess/deletedItems/namedLocations';
const TYPE = 'namedLocation';

/** The Graph JSON of a named location (polymorphic: `@odata.type` first), Graph's property order. */
export function namedLocationToGraph(row: NamedLocationRow): Record<string, unknown> {
  const common = {
    '@odata.type': ODATA_TYPES[row.kind],
    id: row.id,
    displayName: row.displayName,
    modifiedDateTime: iso(row.modifiedAt),
    createdDateTime: iso(row.createdAt),
    deletedDateTime: iso(row.deletedAt),
  };
  const d = row.document;
  return row.kind === 'ip'
    ? { ...common, isTrusted: row.isTrusted, ipRanges: d.ipRanges }
    : {
        ...common,
        countriesAndRegions: d.countriesAndRegions,
        includeUnknownCountriesAndRegions: d.includeUnknownCountriesAndRegions,
        countryLookupMethod: d.countryLookupMethod,
      };
}

/** Named locations (graph-spec-ca-root §2, DECISIONS §7): lifecycle, limits, references, soft delete. */
@Injectable()
export class NamedLocationsService {
  constructor(
    private readonly repo: NamedLocationsRepository,
    private readonly refs: ReferenceIndexRepository,
  ) {}

  async list(tenantId: string, call: GraphCall, scope: LocationScope = 'live') {
    const { query, filter } = parseDocumentQuery(call.query, NAMED_LOCATION_LIST_QUERY);
    const sql = filter ? documentFilterSql(filter, NAMED_LOCATION_FILTER, 'n') : undefined;
    if (scope === 'deleted') await this.repo.purgeExpired(tenantId);
    const { rows, count } = await this.repo.list(tenantId, scope, query, sql);
    const path = scope === 'live' ? NAMED_LOCATIONS_PATH : DELETED_NAMED_LOCATIONS_PATH;
    return collectionBody(call, { context: path, query, paging: NAMED_LOCATION_LIST_QUERY, rows, render: namedLocationToGraph, count });
  }

  /** `GET …/namedLocations/$count` (text/plain; `$filter` allowed, nothing else). */
  async count(tenantId: string, call: GraphCall): Promise<GraphResult<string>> {
    const { filter } = parseDocumentQuery(call.query, { ...NAMED_LOCATION_LIST_QUERY, options: { filter: true } });
    return countResult(await this.repo.count(tenantId, filter ? documentFilterSql(filter, NAMED_LOCATION_FILTER, 'n') : undefined));
  }

  async get(tenantId: string, id: string, call: GraphCall, scope: LocationScope = 'live') {
    const query = parseODataQuery(call.query, NAMED_LOCATION_GET_QUERY);
    const row = await this.repo.findOne(tenantId, requireGuid(TYPE, id), scope);
    if (!row) throw caNotFound(TYPE, id);
    const path = scope === 'live' ? NAMED_LOCATIONS_PATH : DELETED_NAMED_LOCATIONS_PATH;
    return entityBody(call, path, namedLocationToGraph(row), query.select);
  }

  /** `id`: the seed file's given id (src/seed/); Graph's route always generates one. */
  async create(tenantId: string, body: unknown, call: GraphCall, id?: string): Promise<GraphResult<Record<string, unknown>>> {
    const input = parseLocationCreate(body);
    const row = await this.repo.transaction(async (m) => {
      const live = await this.repo.lockTenantCount(m, tenantId);
      if (live >= MAX_LOCATIONS_PER_TENANT) throw tooMany();
      return this.repo.insert(m, tenantId, id?.toLowerCase() ?? randomUUID(), input);
    });
    return GraphResult.created(entityBody(call, NAMED_LOCATIONS_PATH, namedLocationToGraph(row)), `${call.baseUrl}/${NAMED_LOCATIONS_PATH}/${row.id}`);
  }

  /** PATCH: `@odata.type` of the stored type (it cannot change); sent properties replace stored ones. */
  async update(tenantId: string, id: string, body: unknown): Promise<void> {
    const key = requireGuid(TYPE, id);
    await this.repo.transaction(async (m) => {
      const row = await this.repo.lock(m, tenantId, key, 'live');
      if (!row) throw caNotFound(TYPE, id);
      await this.repo.update(m, tenantId, key, parseLocationPatch(row, body));
    });
  }

  /**
   * Soft delete (§2.6). Locks the row first, so a policy naming it either committed before (its reference
   * row is seen here: 400) or waits and then finds it deleted (references.repository.ts explains).
   */
  async delete(tenantId: string, id: string): Promise<void> {
    const key = requireGuid(TYPE, id);
    await this.repo.transaction(async (m) => {
      const row = await this.repo.lock(m, tenantId, key, 'live');
      if (!row) throw caNotFound(TYPE, id);
      if (row.isTrusted) {
        throw caError(CA_ERROR.trustedDelete, `The named location '${id}' is trusted and cannot be deleted. Set isTrusted to false first.`);
      }
      const referrers = await this.refs.referrers(m, tenantId, 'location', key, true);
      if (referrers.length) {
        throw caError(
          CA_ERROR.locationInUse,
          `The named location '${id}' is referenced by Conditional Access policies: ${listIds(referrers)}. Remove it from them first.`,
        );
      }
      await this.repo.softDelete(m, tenantId, key);
    });
  }

  /** `POST …/deletedItems/namedLocations/{id}/restore`: 200 with the location as it was; the count limit applies. */
  async restore(tenantId: string, id: string, call: GraphCall) {
    const key = requireGuid(TYPE, id);
    const row = await this.repo.transaction(async (m) => {
      const live = await this.repo.lockTenantCount(m, tenantId);
      const found = await this.repo.lock(m, tenantId, key, 'deleted');
      if (!found) throw caNotFound(TYPE, id);
      if (live >= MAX_LOCATIONS_PER_TENANT) throw tooMany();
      return this.repo.restore(m, tenantId, key);
    });
    return { '@odata.context': `${call.baseUrl}/$metadata#microsoft.graph.namedLocation`, ...namedLocationToGraph(row) };
  }

  /** `DELETE …/deletedItems/namedLocations/{id}`: gone for good; soft-deleted policies naming it lose the reference. */
  async purge(tenantId: string, id: string): Promise<void> {
    const key = requireGuid(TYPE, id);
    await this.repo.transaction(async (m) => {
      const found = await this.repo.lock(m, tenantId, key, 'deleted');
      if (!found) throw caNotFound(TYPE, id);
      await this.refs.forgetFromDeletedPolicies(m, tenantId, 'location', key);
      await this.repo.purge(m, tenantId, key);
    });
  }
}

function tooMany() {
  return caError(CA_ERROR.tooManyLocations, `A tenant can have at most ${MAX_LOCATIONS_PER_TENANT} named locations.`);
}
