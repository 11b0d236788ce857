import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { Principal } from '../../auth/principal.js';
import { collectionBody, entityBody } from '../../graph/collection/collection-body.js';
import { countResult, parseCountQuery } from '../../graph/count.js';
import { GraphErrors } from '../../graph/errors/graph.exception.js';
import { metadataContext, type GraphCall } from '../../graph/graph-call.js';
import { GraphResult } from '../../graph/graph-result.js';
import { parseODataQuery } from '../../graph/odata/index.js';
import { newKeyCredential, newPasswordCredential, verifyProof } from './application-credentials.js';
import type { StoredWeb } from './application.entity.js';
import { APPLICATION_GET_ODATA, APPLICATIONS_ODATA } from './application.odata.js';
import { assertMayManage as assertOwned, callerAppId } from '../shared/ownership.js';
import { directoryObjectId } from '../shared/ids.js';
import { ApplicationRepository, type ApplicationChanges } from './application.repository.js';
import {
  APPLICATIONS_PATH,
  applicationJson,
  applicationLocation,
  keyCredentialJson,
  passwordCredentialJson,
  type ApplicationRow,
} from './application.representation.js';
import type { AddKeyDto, AddPasswordDto, CreateApplicationDto, RemoveKeyDto, RemovePasswordDto, UpdateApplicationDto } from './dto/application.dto.js';

type Body = Record<string, unknown>;

/** App registrations (issue #14): CRUD, secrets and certificates, per tenant. */
@Injectable()
export class ApplicationsService {
  constructor(private readonly repo: ApplicationRepository) {}

  async list(p: Principal, call: GraphCall): Promise<Body> {
    const query = parseODataQuery(call.query, APPLICATIONS_ODATA);
    const { rows, count } = await this.repo.list(p.tenantId, query);
    return collectionBody(call, {
      context: APPLICATIONS_PATH,
      query,
      paging: APPLICATIONS_ODATA,
      rows,
      render: (r) => applicationJson(call.version, r),
      keyOf: (r) => ({ id: r.id, displayName: r.displayName, createdDateTime: new Date(r.createdAt).toISOString() }),
      count,
    });
  }

  async count(p: Principal, call: GraphCall): Promise<GraphResult<string>> {
    return countResult(await this.repo.count(p.tenantId, parseCountQuery(call.query, APPLICATIONS_ODATA)));
  }

  async get(p: Principal, id: string, call: GraphCall): Promise<Body> {
    const query = parseODataQuery(call.query, APPLICATION_GET_ODATA);
    const row = await this.find(p.tenantId, id);
    return entityBody(call, APPLICATIONS_PATH, applicationJson(call.version, row), query.select);
  }

  /** `appId`: the seed file's given client id (src/seed/); Graph's route always generates one. */
  async create(p: Principal, dto: CreateApplicationDto, call: GraphCall, appId?: string): Promise<GraphResult<Body>> {
    const changes = { ...changesOf(dto), displayName: dto.displayName };
    const row = await this.repo.insert(p.tenantId, randomUUID(), appId?.toLowerCase() ?? randomUUID(), callerAppId(p), changes);
    // A random appId colliding within a tenant is not a case worth a retry loop.
    if (!row) throw GraphErrors.serviceNotAvailable(1);
    const json = applicationJson(call.version, row);
    return GraphResult.created(entityBody(call, APPLICATIONS_PATH, json), applicationLocation(call.baseUrl, row.id));
  }

  async update(p: Principal, id: string, dto: UpdateApplicationDto): Promise<void> {
    const row = await this.find(p.tenantId, id);
    assertMayManage(p, row);
    const web = dto.web === undefined ? undefined : mergeWeb(row.web, dto);
    if (!(await this.repo.update(p.tenantId, id, { ...changesOf(dto), displayName: dto.displayName, web }))) throw notFound(id);
  }

  async delete(p: Principal, id: string): Promise<void> {
    assertMayManage(p, await this.find(p.tenantId, id));
    if (!(await this.repo.delete(p.tenantId, id))) throw notFound(id);
  }

  /** `addPassword`: a generated secret, returned this once; only its hash is kept. */
  async addPassword(p: Principal, id: string, dto: AddPasswordDto, call: GraphCall, givenSecret?: string): Promise<Body> {
    assertMayManage(p, await this.find(p.tenantId, id));
    const { stored, secretText } = newPasswordCredential(dto.passwordCredential, new Date(), givenSecret);
    if (!(await this.repo.addPassword(p.tenantId, id, stored))) throw notFound(id);
    return { '@odata.context': metadataContext(call, 'microsoft.graph.passwordCredential'), ...passwordCredentialJson(stored, secretText) };
  }

  /** `removePassword`: 204; an unknown keyId is 400, as Graph answers. */
  async removePassword(p: Principal, id: string, dto: RemovePasswordDto): Promise<void> {
    assertMayManage(p, await this.find(p.tenantId, id));
    const { app, removed } = await this.repo.removePassword(p.tenantId, id, dto.keyId.toLowerCase());
    if (!app) throw notFound(id);
    if (!removed) throw GraphErrors.invalidProperty(`No password credential found with keyId '${dto.keyId}'.`);
  }

  /** `addKey`: a certificate, proven by a JWT signed with a current certificate of the app. */
  async addKey(p: Principal, id: string, dto: AddKeyDto, call: GraphCall): Promise<Body> {
    const row = await this.find(p.tenantId, id);
    assertMayManage(p, row);
    if (dto.passwordCredential) {
      throw GraphErrors.invalidProperty(
        "Invalid value specified for property 'passwordCredential': only keys of type AsymmetricX509Cert are supported; send null.",
      );
    }
    await verifyProof(dto.proof, row.keyCredentials, row.id);
    const key = newKeyCredential(dto.keyCredential, 'keyCredential');
    if (row.keyCredentials.some((k) => k.keyId === key.keyId)) throw GraphErrors.invalidProperty(`A key credential with keyId '${key.keyId}' already exists.`);
    if (!(await this.repo.addKeyIfUnchanged(p.tenantId, id, row.keyCredentials, key))) {
      throw GraphErrors.conflict("The application's keys changed while this key was being added; retry with a new proof.");
    }
    return { '@odata.context': metadataContext(call, 'microsoft.graph.keyCredential'), ...keyCredentialJson(key) };
  }

  /** `removeKey`: 204; the same proof of possession as addKey; an unknown keyId is 400. */
  async removeKey(p: Principal, id: string, dto: RemoveKeyDto): Promise<void> {
    const row = await this.find(p.tenantId, id);
    assertMayManage(p, row);
    await verifyProof(dto.proof, row.keyCredentials, row.id);
    const keyId = dto.keyId.toLowerCase();
    const kept = row.keyCredentials.filter((k) => k.keyId !== keyId);
    if (kept.length === row.keyCredentials.length) throw GraphErrors.invalidProperty(`No key credential found with keyId '${dto.keyId}'.`);
    if (!(await this.repo.replaceKeysIfUnchanged(p.tenantId, row.id, row.keyCredentials, kept))) {
      throw GraphErrors.conflict("The application's keys changed while this key was being removed; retry with a new proof.");
    }
  }

  private async find(tenantId: string, id: string): Promise<ApplicationRow> {
    const row = await this.repo.findOne(tenantId, directoryObjectId(id));
    if (!row) throw notFound(id);
    return row;
  }
}

const assertMayManage = (p: Principal, row: ApplicationRow) => assertOwned(p, row.createdByAppId);

function changesOf(dto: CreateApplicationDto | UpdateApplicationDto): ApplicationChanges {
  return {
    description: dto.description,
    notes: dto.notes,
    signInAudience: dto.signInAudience,
    identifierUris: dto.identifierUris,
    tags: dto.tags,
    isFallbackPublicClient: dto.isFallbackPublicClient,
    web: dto.web === undefined ? undefined : mergeWeb({}, dto),
    spaRedirectUris: dto.spa?.redirectUris,
    publicClientRedirectUris: dto.publicClient?.redirectUris,
    appRoles: dto.appRoles?.map((r) => ({
      id: r.id.toLowerCase(),
      allowedMemberTypes: r.allowedMemberTypes,
      description: r.description ?? null,
      displayName: r.displayName ?? null,
      isEnabled: r.isEnabled ?? true,
      value: r.value ?? null,
    })),
    requiredResourceAccess: dto.requiredResourceAccess?.map((r) => ({
      resourceAppId: r.resourceAppId.toLowerCase(),
      resourceAccess: r.resourceAccess.map((a) => ({ id: a.id.toLowerCase(), type: a.type })),
    })),
    keyCredentials: dto.keyCredentials?.map((k, i) => newKeyCredential(k, `keyCredentials[${i}]`)),
  };
}

/** `web` on PATCH merges: properties not sent keep their values (Graph's complex-property PATCH replaces only what is sent). */
function mergeWeb(current: StoredWeb, dto: CreateApplicationDto | UpdateApplicationDto): StoredWeb {
  const web = dto.web!;
  const implicit = web.implicitGrantSettings;
  return {
    redirectUris: web.redirectUris ?? current.redirectUris ?? [],
    homePageUrl: web.homePageUrl === undefined ? (current.homePageUrl ?? null) : web.homePageUrl,
    logoutUrl: web.logoutUrl === undefined ? (current.logoutUrl ?? null) : web.logoutUrl,
    enableIdTokenIssuance: implicit?.enableIdTokenIssuance ?? (implicit === null ? false : (current.enableIdTokenIssuance ?? false)),
    enableAccessTokenIssuance: implicit?.enableAccessTokenIssuance ?? (implicit === null ? false : (current.enableAccessTokenIssuance ?? false)),
  };
}

function notFound(id: string) {
  return GraphErrors.resourceNotFound(id);
}
