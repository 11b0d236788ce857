import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { Type } from '@nestjs/common';
import { directoryRoleId, UnknownNameError } from '../auth/catalogue/index.js';
import { graphPermission } from '../auth/catalogue/graph-service-principal.js';
import type { Principal } from '../auth/principal.js';
import { AppConfig } from '../config/app-config.js';
import { AccrService } from '../conditional-access/authentication-contexts/accr.service.js';
import { CreateAccrDto } from '../conditional-access/authentication-contexts/dto/accr.dto.js';
import { AuthenticationStrengthsService } from '../conditional-access/authentication-strengths/authentication-strengths.service.js';
import { parseStrengthCreate } from '../conditional-access/authentication-strengths/strength-rules.js';
import { parseLocationCreate } from '../conditional-access/named-locations/named-location-rules.js';
import { NamedLocationsService } from '../conditional-access/named-locations/named-locations.service.js';
import { PoliciesService } from '../conditional-access/policies/policies.service.js';
import { normaliseCreate } from '../conditional-access/policies/policy-document.js';
import { validatePolicy } from '../conditional-access/policies/policy-rules.js';
import { AppRoleAssignmentsService } from '../directory/app-role-assignments/app-role-assignments.service.js';
import { newPasswordCredential, secretMatches } from '../directory/applications/application-credentials.js';
import { ApplicationRepository } from '../directory/applications/application.repository.js';
import { ApplicationsService } from '../directory/applications/applications.service.js';
import { AddPasswordDto, CreateApplicationDto } from '../directory/applications/dto/application.dto.js';
import { OAuth2PermissionGrantsService } from '../directory/oauth2-permission-grants/oauth2-permission-grants.service.js';
import { ServicePrincipalsService } from '../directory/service-principals/service-principals.service.js';
import { GraphException } from '../graph/errors/graph.exception.js';
import type { GraphCall } from '../graph/graph-call.js';
import { GraphValidationPipe } from '../graph/validation/graph-validation.pipe.js';
import { AuthenticationMethodsPolicyService } from '../policies/authentication-methods-policy/authentication-methods-policy.service.js';
import { RoleAssignmentRepository } from '../role-management/role-assignments/role-assignment.repository.js';
import { RoleAssignmentsService } from '../role-management/role-assignments/role-assignments.service.js';
import { CreateUserDto } from '../users/dto/user.dto.js';
import { UsersService } from '../users/users.service.js';
import { entryError, isObject, optionalGuid, readSeedFile, SEED_LISTS, seedError, stringList, without, type SeedList, type SeedTenant } from './seed-file.js';
import { SeedRepository } from './seed.repository.js';

type Json = Record<string, unknown>;

/** One entry, checked: what its write needs. */
interface Checked {
  readonly path: string;
  readonly entry: Json;
  /** The Graph create body: the validated DTO, or the raw body for the services that parse their own. */
  readonly body: unknown;
  readonly id: string | null;
  readonly roles?: string[];
  readonly secrets?: { input: Json; secretText: string }[];
  readonly appRoleIds?: string[];
  readonly scopes?: string[];
}

type Counts = Record<
  SeedList | 'roles' | 'secrets' | 'servicePrincipals' | 'applicationPermissions' | 'delegatedGrants',
  { created: number; unchanged: number }
>;

const SECRET_TEXT = /^[\x21-\x7e]{16,256}$/;
const SECRET_KEYS = ['displayName', 'secretText', 'startDateTime', 'endDateTime'];

/**
 * `SEED_FILE` (DECISIONS §10, docs/choices.md "The seed file"): loaded once at start (after migrations, before the
 * server listens), through the services of the Graph routes. The whole file is checked first; then each tenant's
 * entries are created when missing and left alone when present (a second start changes nothing).
 */
@Injectable()
export class SeedService implements OnApplicationBootstrap {
  private readonly logger = new Logger('Seed');
  private readonly pipe = new GraphValidationPipe();

  constructor(
    private readonly config: AppConfig,
    private readonly repo: SeedRepository,
    private readonly modules: ModuleRef,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.seedFile) await this.load(this.config.seedFile);
  }

  async load(file: string): Promise<void> {
    const tenants = await readSeedFile(file);
    const checked: Record<SeedList, Checked[]>[] = [];
    for (const [i, tenant] of tenants.entries()) checked.push(await this.check(tenant, `tenants[${i}]`));
    await this.repo.exclusively(async () => {
      for (const [i, tenant] of tenants.entries()) {
        const counts = await this.write(tenant.id, checked[i]);
        this.logger.log(`SEED_FILE tenant ${tenant.id}: ${summary(counts)}`);
      }
    });
  }

  private service<T>(type: Type<T>): T {
    return this.modules.get(type, { strict: false });
  }

  private async dto(path: string, body: Json, type: Type<unknown>): Promise<unknown> {
    try {
      return await this.pipe.transform(body, { type: 'body', metatype: type });
    } catch (e) {
      throw entryError(path, e);
    }
  }

  /** Everything that can be checked without the database: bodies, names, seed-only keys. */
  private async check(tenant: SeedTenant, at: string): Promise<Record<SeedList, Checked[]>> {
    const out = {} as Record<SeedList, Checked[]>;
    for (const list of SEED_LISTS) {
      out[list] = [];
      for (const [j, entry] of tenant.lists[list].entries()) {
        const path = `${at}.${list}[${j}]`;
        out[list].push(await this.checkEntry(list, path, entry));
      }
    }
    return out;
  }

  private async checkEntry(list: SeedList, path: string, entry: Json): Promise<Checked> {
    const attempt = <T>(fn: () => T): T => {
      try {
        return fn();
      } catch (e) {
        throw entryError(path, e);
      }
    };
    switch (list) {
      case 'users': {
        const id = optionalGuid(`${path}.id`, entry.id);
        const roles = stringList(`${path}.roles`, entry.roles).map((name, k) => {
          try {
            return directoryRoleId(name);
          } catch (e) {
            if (e instanceof UnknownNameError) throw seedError(`${path}.roles[${k}]`, e.message.replace(/^--role: /, ''));
            throw e;
          }
        });
        return { path, entry, id, roles, body: await this.dto(path, without(entry, ['id', 'roles']), CreateUserDto) };
      }
      case 'applications': {
        const id = optionalGuid(`${path}.appId`, entry.appId);
        const secrets = (Array.isArray(entry.secrets) ? entry.secrets : entry.secrets === undefined ? [] : null)?.map((s: unknown, k: number) => {
          const at = `${path}.secrets[${k}]`;
          if (!isObject(s)) throw seedError(at, 'must be an object');
          const unknown = Object.keys(s).find((key) => !SECRET_KEYS.includes(key));
          if (unknown) throw seedError(`${at}.${unknown}`, `unknown key (expected ${SECRET_KEYS.join(', ')})`);
          if (typeof s.secretText !== 'string' || !SECRET_TEXT.test(s.secretText)) {
            throw seedError(`${at}.secretText`, 'must be 16 to 256 printable ASCII characters without spaces (the secret clients send)');
          }
          const input = without(s, ['secretText']);
          try {
            newPasswordCredential(input as never, new Date(), s.secretText);
          } catch (e) {
            throw entryError(at, e);
          }
          return { input, secretText: s.secretText };
        });
        if (!secrets) throw seedError(`${path}.secrets`, 'must be a list');
        for (const [k, s] of secrets.entries()) await this.dto(`${path}.secrets[${k}]`, { passwordCredential: s.input }, AddPasswordDto);
        const permission = (key: 'applicationPermissions' | 'delegatedPermissions', idOf: 'appRoleId' | 'scopeId', kind: string) =>
          stringList(`${path}.${key}`, entry[key]).map((name, k) => {
            const found = graphPermission(name)?.[idOf];
            if (!found) throw seedError(`${path}.${key}[${k}]`, `"${name}" is not ${kind} of Microsoft Graph`);
            return idOf === 'scopeId' ? graphPermission(name)!.name : found;
          });
        const appRoleIds = permission('applicationPermissions', 'appRoleId', 'an application permission (app role)');
        const scopes = permission('delegatedPermissions', 'scopeId', 'a delegated permission (scope)');
        const body = await this.dto(path, without(entry, ['appId', 'secrets', 'applicationPermissions', 'delegatedPermissions']), CreateApplicationDto);
        return { path, entry, id, secrets, appRoleIds, scopes, body };
      }
      case 'authenticationContextClassReferences':
        return { path, entry, id: null, body: await this.dto(path, entry, CreateAccrDto) };
      case 'namedLocations': {
        const id = optionalGuid(`${path}.id`, entry.id);
        const body = without(entry, ['id']);
        attempt(() => parseLocationCreate(body));
        return { path, entry, id, body };
      }
      case 'authenticationStrengthPolicies': {
        const id = optionalGuid(`${path}.id`, entry.id);
        const body = without(entry, ['id']);
        attempt(() => parseStrengthCreate(body));
        return { path, entry, id, body };
      }
      case 'conditionalAccessPolicies': {
        const id = optionalGuid(`${path}.id`, entry.id);
        const body = without(entry, ['id']);
        attempt(() => validatePolicy(normaliseCreate(body, 'v1.0'), 'v1.0'));
        return { path, entry, id, body };
      }
      case 'authenticationMethodConfigurations': {
        if (typeof entry.id !== 'string' || !entry.id) throw seedError(`${path}.id`, 'required: the configuration to update (e.g. "TemporaryAccessPass")');
        if (typeof entry['@odata.type'] !== 'string')
          throw seedError(`${path}.@odata.type`, 'required (e.g. "#microsoft.graph.temporaryAccessPassAuthenticationMethodConfiguration")');
        return { path, entry, id: entry.id, body: without(entry, ['id']) };
      }
    }
  }

  private async write(tenantId: string, lists: Record<SeedList, Checked[]>): Promise<Counts> {
    const counts = Object.fromEntries(
      [...SEED_LISTS, 'roles', 'secrets', 'servicePrincipals', 'applicationPermissions', 'delegatedGrants'].map((k) => [k, { created: 0, unchanged: 0 }]),
    ) as Counts;
    const p = seedPrincipal(tenantId);
    const call = seedCall(this.config);
    const count = (kind: keyof Counts, created: boolean) => void counts[kind][created ? 'created' : 'unchanged']++;
    for (const list of SEED_LISTS) {
      for (const item of lists[list]) {
        try {
          await this.writeEntry(list, item, tenantId, p, call, count);
        } catch (e) {
          throw entryError(item.path, e);
        }
      }
    }
    return counts;
  }

  private async writeEntry(
    list: SeedList,
    item: Checked,
    tenantId: string,
    p: Principal,
    call: GraphCall,
    count: (kind: keyof Counts, created: boolean) => void,
  ): Promise<void> {
    const body = item.body as Json;
    switch (list) {
      case 'users': {
        const upn = (item.body as CreateUserDto).userPrincipalName;
        const found = await this.repo.findUser(tenantId, upn, item.id);
        let userId: string;
        if (found.length) {
          const other = found.find((u) => (item.id && u.id !== item.id) || u.userPrincipalName.toLowerCase() !== upn.toLowerCase());
          if (other) throw seedError(item.path, `user ${other.id} (${other.userPrincipalName}) already holds this id or userPrincipalName`);
          userId = found[0].id;
          count('users', false);
        } else {
          const created = await this.service(UsersService).create(p, item.body as CreateUserDto, call, item.id ?? undefined);
          userId = (created.body as { id: string }).id;
          count('users', true);
        }
        const held = new Set(await this.service(RoleAssignmentRepository).roleIdsOf(tenantId, userId));
        for (const roleDefinitionId of item.roles ?? []) {
          if (held.has(roleDefinitionId)) {
            count('roles', false);
            continue;
          }
          await this.service(RoleAssignmentsService).create(p, { principalId: userId, roleDefinitionId, directoryScopeId: '/' } as never, call);
          count('roles', true);
        }
        return;
      }
      case 'applications': {
        const displayName = (item.body as CreateApplicationDto).displayName;
        const found = await this.repo.findApplications(tenantId, item.id, displayName);
        if (found.length > 1) throw seedError(item.path, `${found.length} applications are named '${displayName}': give the appId`);
        let app = found[0];
        if (!app) {
          const created = await this.service(ApplicationsService).create(p, item.body as CreateApplicationDto, call, item.id ?? undefined);
          app = created.body as { id: string; appId: string };
        }
        count('applications', !found[0]);
        const principals = this.service(ServicePrincipalsService);
        let sp = await principals.findByAppId(tenantId, app.appId);
        count('servicePrincipals', !sp);
        if (!sp) {
          await principals.create(p, { appId: app.appId } as never, call);
          sp = (await principals.findByAppId(tenantId, app.appId))!;
        }
        const stored = (await this.service(ApplicationRepository).findOne(tenantId, app.id))?.passwordCredentials ?? [];
        for (const secret of item.secrets ?? []) {
          const present = stored.some((c) => secretMatches(c, secret.secretText));
          count('secrets', !present);
          if (!present) await this.service(ApplicationsService).addPassword(p, app.id, { passwordCredential: secret.input } as never, call, secret.secretText);
        }
        const graphSp = ServicePrincipalsService.graphPrincipalId(tenantId);
        await principals.ensureGraphServicePrincipal(tenantId);
        const assignments = this.service(AppRoleAssignmentsService);
        const granted = new Set((await assignments.grantedAppRoles(tenantId, sp.id)).map((g) => g.appRoleId.toLowerCase()));
        for (const appRoleId of item.appRoleIds ?? []) {
          count('applicationPermissions', !granted.has(appRoleId));
          if (!granted.has(appRoleId)) await assignments.create(p, 'principal', sp.id, { principalId: sp.id, resourceId: graphSp, appRoleId } as never, call);
        }
        if (item.scopes?.length) {
          const grants = this.service(OAuth2PermissionGrantsService);
          const grant = await this.repo.findAllPrincipalsGrant(tenantId, sp.id, graphSp);
          const have = new Set(
            (grant?.scope ?? '')
              .split(' ')
              .filter(Boolean)
              .map((s) => s.toLowerCase()),
          );
          const missing = item.scopes.filter((s) => !have.has(s.toLowerCase()));
          count('delegatedGrants', !grant || missing.length > 0);
          if (!grant)
            await grants.create(
              p,
              { clientId: sp.id, consentType: 'AllPrincipals', principalId: null, resourceId: graphSp, scope: item.scopes.join(' ') } as never,
              call,
            );
          else if (missing.length) await grants.update(p, grant.id, { scope: [grant.scope, ...missing].filter(Boolean).join(' ') } as never);
        }
        return;
      }
      case 'authenticationContextClassReferences': {
        const accr = this.service(AccrService);
        const id = (item.body as CreateAccrDto).id;
        const exists = await accr.get(tenantId, id, call).then(
          () => true,
          (e) => {
            if (e instanceof GraphException && e.getStatus() === 404) return false;
            throw e;
          },
        );
        count(list, !exists);
        if (!exists) await accr.create(tenantId, item.body as CreateAccrDto, call);
        return;
      }
      case 'namedLocations':
      case 'authenticationStrengthPolicies':
      case 'conditionalAccessPolicies': {
        const table = list === 'namedLocations' ? 'ca_named_locations' : list === 'conditionalAccessPolicies' ? 'ca_policies' : 'ca_authentication_strengths';
        const found = await this.repo.findNamed(tenantId, table, item.id, String(body.displayName ?? ''));
        if (found.some((r) => r.deleted)) throw seedError(item.path, `${item.id} is deleted (restore or purge it through Graph first)`);
        count(list, found.length === 0);
        if (found.length) return;
        const id = item.id ?? undefined;
        if (list === 'namedLocations') await this.service(NamedLocationsService).create(tenantId, body, call, id);
        else if (list === 'conditionalAccessPolicies') await this.service(PoliciesService).create(tenantId, body, call, {}, id);
        else await this.service(AuthenticationStrengthsService).create(tenantId, body, call, undefined, true, id);
        return;
      }
      case 'authenticationMethodConfigurations': {
        // A PATCH: applying the same values again changes nothing, so it is simply applied.
        await this.service(AuthenticationMethodsPolicyService).updateConfiguration(tenantId, item.id!, call, body);
        count(list, true);
        return;
      }
    }
  }
}

/** The seed acts as the tenant's administrator app (every Graph write it makes is one an admin app may make). */
function seedPrincipal(tenantId: string): Principal {
  return {
    kind: 'application',
    tenantId,
    objectId: ServicePrincipalsService.graphPrincipalId(tenantId),
    scopes: new Set(),
    appRoles: new Set(['application.readwrite.all', 'directory.readwrite.all', 'approleassignment.readwrite.all']),
    directoryRoles: new Set(),
    acrs: [],
    clientCapabilities: new Set(),
    isPersonalAccount: false,
    expiresAt: Number.MAX_SAFE_INTEGER,
  };
}

function seedCall(config: AppConfig): GraphCall {
  const baseUrl = `${config.publicBaseUrl ?? `http://${config.host}:${config.port}`}/v1.0`;
  return { version: 'v1.0', baseUrl, requestUrl: baseUrl, query: {} };
}

function summary(counts: Counts): string {
  return (
    Object.entries(counts)
      .filter(([, c]) => c.created + c.unchanged > 0)
      .map(([kind, c]) =>
        kind === 'authenticationMethodConfigurations' ? `${kind} ${c.created} applied` : `${kind} ${c.created} created, ${c.unchanged} unchanged`,
      )
      .join('; ') || 'empty'
  );
}
