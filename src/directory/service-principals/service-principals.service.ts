import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { GRAPH_APP_ID, GRAPH_DISPLAY_NAME } from '../../auth/catalogue/graph-service-principal.js';
import type { Principal } from '../../auth/principal.js';
import { collectionBody, entityBody } from '../../graph/collection/collection-body.js';
import { countResult, parseCountQuery } from '../../graph/count.js';
import { GraphErrors } from '../../graph/errors/graph.exception.js';
import type { GraphCall } from '../../graph/graph-call.js';
import { GraphResult } from '../../graph/graph-result.js';
import { parseODataQuery } from '../../graph/odata/index.js';
import { ApplicationRepository } from '../applications/application.repository.js';
import { directoryObjectId, GUID, uuidV5 } from '../shared/ids.js';
import { assertMayManage, callerAppId } from '../shared/ownership.js';
import type { CreateServicePrincipalDto, UpdateServicePrincipalDto } from './dto/service-principal.dto.js';
import { SERVICE_PRINCIPAL_GET_ODATA, SERVICE_PRINCIPALS_ODATA } from './service-principal.odata.js';
import { ServicePrincipalRepository, type ServicePrincipalChanges, type ServicePrincipalRow } from './service-principal.repository.js';
import { isGraphServicePrincipal, SERVICE_PRINCIPALS_PATH, servicePrincipalJson } from './service-principal.representation.js';

type Body = Record<string, unknown>;
/** Namespace of the name-based ids of Microsoft Graph's principal (one per tenant); any constant GUID. */
const GRAPH_PRINCIPAL_NAMESPACE = '5b0b6e39-2f2a-4d1e-9f7c-3a1d8e6c2b40';
/** How many tenants' Graph principal an instance remembers having made sure of (bounded: a development server). */
const ENSURED_MAX = 10_000;

/** Service principals (issue #14), with Microsoft Graph's own in every tenant. */
@Injectable()
export class ServicePrincipalsService {
  /** Tenants whose Graph principal this instance (this database) has made sure of. */
  private readonly ensured = new Set<string>();

  constructor(
    private readonly repo: ServicePrincipalRepository,
    private readonly applications: ApplicationRepository,
  ) {}

  /** The id of Microsoft Graph's principal in a tenant: the same on every start and every replica. */
  static graphPrincipalId(tenantId: string): string {
    return uuidV5(GRAPH_PRINCIPAL_NAMESPACE, tenantId.toLowerCase());
  }

  /** Every tenant has Microsoft Graph's principal: created on the tenant's first directory read, idempotently. */
  async ensureGraphServicePrincipal(tenantId: string): Promise<void> {
    if (this.ensured.has(tenantId)) return;
    await this.repo.insert(tenantId, {
      id: ServicePrincipalsService.graphPrincipalId(tenantId),
      appId: GRAPH_APP_ID,
      applicationId: null,
      displayName: GRAPH_DISPLAY_NAME,
      createdByAppId: null,
    });
    if (this.ensured.size >= ENSURED_MAX) this.ensured.clear();
    this.ensured.add(tenantId);
  }

  async list(p: Principal, call: GraphCall): Promise<Body> {
    const query = parseODataQuery(call.query, SERVICE_PRINCIPALS_ODATA);
    await this.ensureGraphServicePrincipal(p.tenantId);
    const { rows, count } = await this.repo.list(p.tenantId, query);
    return collectionBody(call, {
      context: SERVICE_PRINCIPALS_PATH,
      query,
      paging: SERVICE_PRINCIPALS_ODATA,
      rows,
      render: (r) => servicePrincipalJson(call.version, p.tenantId, r),
      keyOf: (r) => ({ id: r.id, displayName: r.displayName }),
      count,
    });
  }

  async count(p: Principal, call: GraphCall): Promise<GraphResult<string>> {
    const query = parseCountQuery(call.query, SERVICE_PRINCIPALS_ODATA);
    await this.ensureGraphServicePrincipal(p.tenantId);
    return countResult(await this.repo.count(p.tenantId, query));
  }

  async get(p: Principal, id: string, call: GraphCall): Promise<Body> {
    const query = parseODataQuery(call.query, SERVICE_PRINCIPAL_GET_ODATA);
    const row = await this.find(p.tenantId, id);
    return entityBody(call, SERVICE_PRINCIPALS_PATH, servicePrincipalJson(call.version, p.tenantId, row), query.select);
  }

  /** The principal of an application of this tenant (Graph: its appId); one per app. */
  async create(p: Principal, dto: CreateServicePrincipalDto, call: GraphCall): Promise<GraphResult<Body>> {
    const appId = dto.appId.toLowerCase();
    const app = GUID.test(appId) ? await this.applications.findByAppId(p.tenantId, appId) : null;
    if (!app) {
      throw GraphErrors.invalidProperty(`The appId '${dto.appId}' of the service principal does not reference a valid application object.`);
    }
    const id = randomUUID();
    const inserted = await this.repo.insert(p.tenantId, {
      ...changesOf(dto),
      id,
      appId,
      applicationId: app.id,
      displayName: app.displayName,
      createdByAppId: callerAppId(p),
    });
    if (!inserted) throw GraphErrors.invalidProperty('Another object with the same value for property servicePrincipalNames already exists.');
    const row = await this.find(p.tenantId, id);
    return GraphResult.created(
      entityBody(call, SERVICE_PRINCIPALS_PATH, servicePrincipalJson(call.version, p.tenantId, row)),
      `${call.baseUrl}/${SERVICE_PRINCIPALS_PATH}/${id}`,
    );
  }

  async update(p: Principal, id: string, dto: UpdateServicePrincipalDto): Promise<void> {
    const row = await this.find(p.tenantId, id);
    assertMayManage(p, row.createdByAppId);
    if (!(await this.repo.update(p.tenantId, row.id, changesOf(dto)))) throw GraphErrors.resourceNotFound(id);
  }

  async delete(p: Principal, id: string): Promise<void> {
    const row = await this.find(p.tenantId, id);
    if (isGraphServicePrincipal(row)) {
      throw GraphErrors.invalidProperty("Microsoft Graph's service principal cannot be deleted here: every tenant has it.");
    }
    assertMayManage(p, row.createdByAppId);
    if (!(await this.repo.delete(p.tenantId, row.id))) throw GraphErrors.resourceNotFound(id);
  }

  /** The provider's read: a client's principal in the tenant (Graph's own included). */
  async findByAppId(tenantId: string, appId: string): Promise<ServicePrincipalRow | null> {
    if (appId.toLowerCase() === GRAPH_APP_ID) await this.ensureGraphServicePrincipal(tenantId);
    return GUID.test(appId) ? this.repo.findByAppId(tenantId, appId.toLowerCase()) : null;
  }

  /** A principal of the tenant by object id (404 otherwise); Graph's own is there on first use. */
  async find(tenantId: string, id: string): Promise<ServicePrincipalRow> {
    const key = directoryObjectId(id);
    if (key === ServicePrincipalsService.graphPrincipalId(tenantId)) await this.ensureGraphServicePrincipal(tenantId);
    const row = await this.repo.findOne(tenantId, key);
    if (!row) throw GraphErrors.resourceNotFound(id);
    return row;
  }
}

function changesOf(dto: CreateServicePrincipalDto | UpdateServicePrincipalDto): ServicePrincipalChanges {
  return {
    accountEnabled: dto.accountEnabled,
    appRoleAssignmentRequired: dto.appRoleAssignmentRequired,
    description: dto.description,
    notes: dto.notes,
    tags: dto.tags,
  };
}
