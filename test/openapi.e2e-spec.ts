import { jest } from '@jest/globals';
import { PATH_METADATA } from '@nestjs/common/constants.js';
import { ModulesContainer } from '@nestjs/core';
import { createConfig, lintFromString } from '@redocly/openapi-core';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { OPERATION_ID } from '../src/auth/permissions/permissions.decorator.js';
import { IS_PUBLIC } from '../src/auth/public.decorator.js';
import { elementType, enumMembers, GRAPH_METADATA, propertiesOf } from '../src/graph/openapi/graph-metadata.js';
import { OPERATION_ID_PATTERN } from '../src/graph/openapi/operation-ids.js';
import { startTestApp, type TestApp } from './support/app.js';
import { call } from './support/http.js';
import { delegated } from './support/tokens.js';

jest.setTimeout(120_000);

type Version = 'v1.0' | 'beta';
const VERSIONS: Version[] = ['v1.0', 'beta'];
interface Schema {
  $ref?: string;
  type?: string;
  enum?: unknown[];
  items?: Schema;
  properties?: Record<string, Schema>;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
}
interface Operation {
  operationId?: string;
  tags?: string[];
  parameters?: { name: string; in: string }[];
  responses: Record<string, { content?: Record<string, { schema: Schema }> }>;
  security?: unknown[];
}
interface Document {
  openapi: string;
  info: { version: string };
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
}

const METHODS = ['get', 'post', 'patch', 'put', 'delete'];
const operations = (doc: Document) =>
  Object.entries(doc.paths).flatMap(([path, item]) => METHODS.filter((m) => item[m]).map((method) => ({ path, method, op: item[method] })));
const isGraphPath = (path: string) => /^\/(v1\.0|beta)\//.test(path);

describe('OpenAPI documents, Swagger UI and $metadata', () => {
  let t: TestApp;
  const docs = {} as Record<Version, Document>;

  beforeAll(async () => {
    t = await startTestApp();
    for (const v of VERSIONS) {
      const res = await fetch(`${t.url}/openapi/${v}.json`);
      expect(res.status).toBe(200);
      docs[v] = (await res.json()) as Document;
    }
  });
  afterAll(() => t?.close());

  const resolve = (doc: Document, schema: Schema): Schema => (schema.$ref ? resolve(doc, doc.components.schemas[schema.$ref.split('/').pop()!]) : schema);

  describe('validity', () => {
    it.each(['/openapi/v1.0.json', '/openapi/beta.json', '/openapi.json'])(
      "%s passes Redocly's recommended rules (structure, path parameters, unique ids, responses, security)",
      async (url) => {
        const source = await (await fetch(`${t.url}${url}`)).text();
        const config = await createConfig({ extends: ['recommended'] });
        const problems = await lintFromString({ source, absoluteRef: `${t.url}${url}`, config });
        const found = problems.map((p) => `${p.severity} ${p.ruleId} ${p.location[0]?.pointer}: ${p.message}`);
        // Allowed: the service's own routes (health, the issuer's JWKS) have no 4xx answer to document.
        const serviceRoute = /^warn operation-4xx-response #\/paths\/~1(health|\{tenant\}~1discovery~1v2\.0~1keys|common~1discovery~1instance)\/get/;
        expect(found.filter((f) => !serviceRoute.test(f))).toEqual([]);
      },
    );

    it('/openapi.json is the v1.0 document; each document holds its own version only', async () => {
      expect(await (await fetch(`${t.url}/openapi.json`)).json()).toEqual(docs['v1.0']);
      for (const v of VERSIONS) {
        expect(docs[v].info.version).toBe(v);
        const graphPaths = Object.keys(docs[v].paths).filter(isGraphPath);
        expect(graphPaths.length).toBeGreaterThan(40);
        expect(graphPaths.filter((p) => !p.startsWith(`/${v}/`))).toEqual([]);
      }
      expect(Object.keys(docs['v1.0'].paths)).not.toContain('/v1.0/me/authentication/signInPreferences');
      expect(Object.keys(docs.beta.paths)).toContain('/beta/me/authentication/signInPreferences');
    });

    it('declares every path parameter of every operation', () => {
      for (const v of VERSIONS) {
        for (const { path, method, op } of operations(docs[v])) {
          const placeholders = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]).sort();
          const declared = (op.parameters ?? [])
            .filter((p) => p.in === 'path')
            .map((p) => p.name)
            .sort();
          expect({ path, method, declared }).toEqual({ path, method, declared: placeholders });
        }
      }
    });

    it('declares a success response for every operation, with a schema for every read', () => {
      for (const v of VERSIONS) {
        for (const { path, method, op } of operations(docs[v])) {
          const success = Object.keys(op.responses).filter((s) => /^2/.test(s));
          expect({ path, method, success: success.length > 0 }).toEqual({ path, method, success: true });
          if (method === 'get' && isGraphPath(path)) {
            // `…/$count` answers text/plain (graph-spec: a raw count), every other read JSON.
            const type = path.endsWith('/$count') ? 'text/plain' : 'application/json';
            expect({ path, schema: !!op.responses['200']?.content?.[type]?.schema }).toEqual({ path, schema: true });
          }
        }
      }
      const user = resolve(docs['v1.0'], docs['v1.0'].paths['/v1.0/users/{user}'].get.responses['200'].content!['application/json'].schema);
      expect(Object.keys(user.properties!)).toEqual(expect.arrayContaining(['@odata.context', 'id', 'userPrincipalName', 'displayName']));
      const list = resolve(docs['v1.0'], docs['v1.0'].paths['/v1.0/users'].get.responses['200'].content!['application/json'].schema);
      expect(Object.keys(list.properties!)).toEqual(expect.arrayContaining(['@odata.context', '@odata.nextLink', 'value']));
      expect(docs['v1.0'].paths['/v1.0/users'].post.responses['201'].content).toBeDefined();
    });
  });

  describe('operation ids and groups', () => {
    it('gives every operation a unique Graph-like id, `me.…` for the /me form of a handler', () => {
      for (const v of VERSIONS) {
        const ids = operations(docs[v]).map(({ op }) => op.operationId ?? '');
        expect(ids.filter((id) => !OPERATION_ID_PATTERN.test(id))).toEqual([]);
        expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
        for (const { path, op } of operations(docs[v]).filter((o) => isGraphPath(o.path))) {
          // `$batch` is named `batch.…`: an operation id starts with a letter.
          const root = path.split('/')[2].replace(/^\$/, '');
          expect({ path, id: op.operationId!.split('.')[0] }).toEqual({ path, id: root });
        }
      }
      const id = (path: string, method: string) => docs['v1.0'].paths[path][method].operationId;
      expect(id('/v1.0/users', 'get')).toBe('users.user.ListUser');
      expect(id('/v1.0/me', 'get')).toBe('me.user.GetUser');
      expect(id('/v1.0/identity/conditionalAccess/authenticationContextClassReferences', 'get')).toBe(
        'identity.conditionalAccess.ListAuthenticationContextClassReferences',
      );
      expect(id('/v1.0/users/{user}/authentication/phoneMethods', 'get')).toBe('users.authentication.ListPhoneMethods');
      // One handler, two paths: each named as Microsoft's description names it.
      expect(id('/v1.0/identity/conditionalAccess/policies', 'get')).toBe('identity.conditionalAccess.ListPolicies');
      expect(id('/v1.0/policies/conditionalAccessPolicies', 'get')).toBe('policies.ListConditionalAccessPolicies');
      expect(id('/v1.0/policies/authenticationStrengthPolicies/{id}/usage', 'get')).toBe('policies.authenticationStrengthPolicies.usage');
      expect(id('/v1.0/me/authentication/phoneMethods', 'get')).toBe('me.authentication.ListPhoneMethods');
      expect(id('/v1.0/me/authentication/phoneMethods/{methodId}/enableSmsSignIn', 'post')).toBe('me.authentication.phoneMethods.enableSmsSignIn');
    });

    it('keeps every operation id stable (a change shows in review)', () => {
      const ids = Object.fromEntries(
        VERSIONS.map((v) => [
          v,
          operations(docs[v])
            .map(({ path, method, op }) => `${method.toUpperCase()} ${path} ${op.operationId}`)
            .sort(),
        ]),
      );
      expect(ids).toMatchSnapshot();
    });

    it('groups operations by resource, as Graph tags them', () => {
      const tags = (v: Version) => [...new Set(operations(docs[v]).flatMap(({ op }) => op.tags ?? []))].sort();
      expect(tags('v1.0')).toEqual([
        'applications.application',
        'auditLogs.signIns',
        'batch.batch',
        'development issuer',
        'directoryObjects.directoryObject',
        'identity.conditionalAccess',
        'me.authentication',
        'me.user',
        'oauth2PermissionGrants.oAuth2PermissionGrant',
        'policies.authenticationMethodsPolicy',
        'policies.authenticationStrengthPolicies',
        'policies.conditionalAccessPolicies',
        'roleManagement.directory',
        'service',
        'servicePrincipals.appRoleAssignedTo',
        'servicePrincipals.appRoleAssignments',
        'servicePrincipals.servicePrincipal',
        'users.authentication',
        'users.user',
      ]);
      for (const { path, op } of operations(docs['v1.0']).filter((o) => o.path.startsWith('/v1.0/users/{user}/authentication'))) {
        expect({ path, tags: op.tags }).toEqual({ path, tags: ['users.authentication'] });
      }
    });

    it('every handler declares one operation id of its own (in @Permissions, or @ApiOperation when public)', () => {
      const seen = new Map<string, string>();
      for (const module of t.app.get(ModulesContainer).values()) {
        for (const wrapper of module.controllers.values()) {
          const proto = (wrapper.metatype as { prototype: Record<string, unknown> }).prototype;
          for (const name of Object.getOwnPropertyNames(proto)) {
            const handler = proto[name];
            if (name === 'constructor' || typeof handler !== 'function' || Reflect.getMetadata(PATH_METADATA, handler) === undefined) continue;
            const where = `${wrapper.name}.${name}`;
            const id: string | undefined =
              Reflect.getMetadata(IS_PUBLIC, handler) || Reflect.getMetadata(IS_PUBLIC, wrapper.metatype!)
                ? Reflect.getMetadata('swagger/apiOperation', handler)?.operationId
                : Reflect.getMetadata(OPERATION_ID, handler);
            expect({ where, id: id && OPERATION_ID_PATTERN.test(id) }).toEqual({ where, id: true });
            expect({ id, where: seen.get(id!) ?? where }).toEqual({ id, where });
            seen.set(id!, where);
          }
        }
      }
      expect(seen.size).toBeGreaterThan(50);
    });
  });

  describe("faithful to Graph's types for each version", () => {
    /** The Graph type a schema documents: its `@odata.type`, or the type Graph's path returns. */
    function graphTypesOfResponses(v: Version): Map<string, string> {
      const byPath = new Map(GRAPH_METADATA[v].paths.map((p) => [`${p.method} ${p.path.replace(/\{[^}]+\}/g, '{}')}`, p.returns] as const));
      const out = new Map<string, string>();
      const note = (schema: Schema, type: string) => {
        if (schema.$ref) out.set(schema.$ref.split('/').pop()!, type);
      };
      for (const { path, method, op } of operations(docs[v]).filter((o) => isGraphPath(o.path))) {
        const returns = byPath.get(`${method.toUpperCase()} ${path.slice(v.length + 1).replace(/\{[^}]+\}/g, '{}')}`);
        if (!returns || returns.startsWith('Edm.')) continue;
        for (const [status, response] of Object.entries(op.responses)) {
          const schema = response.content?.['application/json']?.schema;
          if (!/^2/.test(status) || !schema) continue;
          const resolved = resolve(docs[v], schema);
          if (returns.startsWith('Collection(') && resolved.properties?.value?.items) {
            const items = resolved.properties.value.items;
            for (const member of items.anyOf ?? items.oneOf ?? [items]) note(member, elementType(returns));
          } else note(schema, elementType(returns));
        }
      }
      for (const [name, schema] of Object.entries(docs[v].components.schemas)) {
        const odataType = schema.properties?.['@odata.type']?.enum;
        if (odataType?.length === 1) out.set(name, String(odataType[0]).replace('#microsoft.graph.', ''));
      }
      return out;
    }

    it.each(VERSIONS)("%s: response schemas have only properties of Graph's type in that version, enums only Graph's members", (v) => {
      const typed = graphTypesOfResponses(v);
      expect(typed.size).toBeGreaterThan(15);
      const derivedProps = (type: string) =>
        Object.entries(GRAPH_METADATA[v].types)
          .filter(([name]) => name === type || (propertiesOf(v, name) && GRAPH_METADATA[v].types[name].base === type))
          .reduce<Record<string, string>>((all, [name]) => ({ ...all, ...propertiesOf(v, name) }), {});
      for (const [name, type] of typed) {
        const graphProps = GRAPH_METADATA[v].types[type]?.abstract ? derivedProps(type) : propertiesOf(v, type);
        const schema = docs[v].components.schemas[name];
        for (const [prop, propSchema] of Object.entries(schema.properties ?? {})) {
          if (prop.startsWith('@odata.')) continue;
          expect({ schema: name, prop, inGraph: graphProps[prop] !== undefined }).toEqual({ schema: name, prop, inGraph: true });
          const members = enumMembers(v, elementType(graphProps[prop]));
          const values = propSchema.enum ?? propSchema.items?.enum;
          if (values && members) {
            expect({ schema: name, prop, extra: values.filter((x) => x !== null && !members.includes(String(x))) }).toEqual({ schema: name, prop, extra: [] });
          }
        }
      }
    });

    it('documents what differs between the versions where Graph differs', () => {
      const props = (v: Version, schema: string) => Object.keys(docs[v].components.schemas[schema].properties ?? {});
      expect(props('v1.0', 'MicrosoftAuthenticatorAuthenticationMethodDto')).not.toContain('clientAppName');
      expect(props('beta', 'MicrosoftAuthenticatorAuthenticationMethodDto')).toContain('clientAppName');
      expect(props('v1.0', 'TemporaryAccessPassAuthenticationMethodDto')).toEqual(expect.arrayContaining(['isUsable', 'methodUsabilityReason']));
      expect(props('beta', 'TemporaryAccessPassAuthenticationMethodDto')).not.toContain('isUsable');
      const v1Auth = JSON.stringify(docs['v1.0'].paths['/v1.0/me/authentication'].get.responses['200']);
      const refs = [...v1Auth.matchAll(/#\/components\/schemas\/(\w+)/g)].map((m) => m[1]);
      expect(refs).toEqual(['AuthenticationDto']);
      for (const ref of refs) expect(props('v1.0', ref)).not.toContain('signInPreferences');
      expect(Object.keys(docs['v1.0'].components.schemas).filter((name) => /beta/i.test(name))).toEqual([]);
      // authenticationMethodKeyStrength has no unknownFutureValue at Graph.
      expect(docs['v1.0'].components.schemas.WindowsHelloForBusinessAuthenticationMethodDto.properties!.keyStrength.enum).toEqual(
        GRAPH_METADATA['v1.0'].enums.authenticationMethodKeyStrength.members,
      );
    });
  });

  describe('Swagger UI and the root', () => {
    it('redirects / to /docs', async () => {
      const res = await fetch(`${t.url}/`, { redirect: 'manual' });
      expect(res.status).toBe(302);
      expect(res.headers.get('location')).toBe('/docs');
    });

    it("offers a version selector naming each version's document", async () => {
      const init = await (await fetch(`${t.url}/docs/swagger-ui-init.js`)).text();
      const options = JSON.parse(init.slice(init.indexOf('let options = ') + 'let options = '.length, init.indexOf(';\n', init.indexOf('let options = '))));
      expect(options.customOptions.urls).toEqual([
        { url: '/openapi/v1.0.json', name: 'v1.0' },
        { url: '/openapi/beta.json', name: 'beta' },
      ]);
      expect(options.customOptions['urls.primaryName']).toBe('v1.0');
      const html = await (await fetch(`${t.url}/docs`)).text();
      expect(html).not.toContain('download-url-wrapper { display: none }');
    });
  });

  describe('$metadata', () => {
    interface Csdl {
      enums: Map<string, string[]>;
      types: Map<string, { kind: string; base?: string; props: Map<string, string>; navs: string[] }>;
      container: { kind: string; name: string; type: string }[];
      actions: string[];
    }
    const asArray = <T>(x: T | T[] | undefined): T[] => (x === undefined ? [] : Array.isArray(x) ? x : [x]);

    async function metadata(v: Version): Promise<Csdl> {
      const res = await fetch(`${t.url}/${v}/$metadata`); // no token: public, as at Graph
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^application\/xml/);
      const xml = await res.text();
      expect(XMLValidator.validate(xml)).toBe(true);
      const parsed = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(xml);
      const schema = parsed['edmx:Edmx']['edmx:DataServices'].Schema;
      expect(schema.Namespace).toBe('microsoft.graph');
      const types: Csdl['types'] = new Map();
      for (const kind of ['EntityType', 'ComplexType']) {
        for (const t of asArray<any>(schema[kind])) {
          types.set(t.Name, {
            kind,
            base: t.BaseType?.replace('graph.', ''),
            props: new Map(asArray<any>(t.Property).map((p) => [p.Name, `${p.Type}${p.Nullable === 'false' ? '!' : ''}`])),
            navs: asArray<any>(t.NavigationProperty).map((n) => n.Name),
          });
        }
      }
      const container = schema.EntityContainer;
      return {
        enums: new Map(asArray<any>(schema.EnumType).map((e) => [e.Name, asArray<any>(e.Member).map((m) => m.Name)])),
        types,
        container: [
          ...asArray<any>(container.EntitySet).map((s) => ({ kind: 'EntitySet', name: s.Name, type: s.EntityType })),
          ...asArray<any>(container.Singleton).map((s) => ({ kind: 'Singleton', name: s.Name, type: s.Type })),
        ],
        actions: asArray<any>(schema.Action)
          .map((a) => a.Name)
          .sort(),
      };
    }

    const graphTypeName = (type: string) => {
      const inner = elementType(type);
      const q = inner.startsWith('Edm.') ? inner : `graph.${inner}`;
      return `${type.startsWith('Collection(') ? `Collection(${q})` : q}${type.endsWith('!') ? '!' : ''}`;
    };

    it.each(VERSIONS)('%s: a CSDL document of our entity sets and types, each as Graph declares it', async (v) => {
      const csdl = await metadata(v);
      expect(csdl.container).toEqual([
        { kind: 'EntitySet', name: 'applications', type: 'graph.application' },
        { kind: 'EntitySet', name: 'directoryObjects', type: 'graph.directoryObject' },
        { kind: 'EntitySet', name: 'oauth2PermissionGrants', type: 'graph.oAuth2PermissionGrant' },
        { kind: 'EntitySet', name: 'servicePrincipals', type: 'graph.servicePrincipal' },
        { kind: 'EntitySet', name: 'users', type: 'graph.user' },
        { kind: 'Singleton', name: 'auditLogs', type: 'graph.auditLogRoot' },
        { kind: 'Singleton', name: 'identity', type: 'graph.identityContainer' },
        { kind: 'Singleton', name: 'me', type: 'graph.user' },
        { kind: 'Singleton', name: 'policies', type: 'graph.policyRoot' },
        { kind: 'Singleton', name: 'roleManagement', type: 'graph.roleManagement' },
      ]);
      // Every served Graph path starts at one of them.
      const graphPaths = Object.keys(docs[v].paths).filter((path) => path.startsWith(`/${v}/`));
      const roots = new Set(graphPaths.map((path) => path.split('/')[2]).filter((root) => root !== '$batch'));
      expect([...roots].filter((root) => !csdl.container.some((c) => c.name === root))).toEqual([]);
      // restore: deleted policies and named locations (two bindings); revokeSignInSessions: users (issue #15);
      // addKey…removePassword: applications; evaluate: What If on the conditionalAccessRoot, beta only (issue #14).
      expect(csdl.actions).toEqual([
        'addKey',
        'addPassword',
        'disableSmsSignIn',
        'enableSmsSignIn',
        ...(v === 'beta' ? ['evaluate'] : []),
        'removeKey',
        'removePassword',
        'resetPassword',
        'restore',
        'restore',
        'revokeSignInSessions',
        'updateAllowedCombinations',
      ]);
      for (const [name, type] of csdl.types) {
        const graph = GRAPH_METADATA[v].types[name];
        expect({ name, known: graph !== undefined }).toEqual({ name, known: true });
        expect({ name, base: type.base }).toEqual({ name, base: graph.base });
        for (const [prop, propType] of type.props) {
          expect({ name, prop, type: propType }).toEqual({ name, prop, type: graphTypeName(graph.props![prop]) });
        }
        for (const nav of type.navs) expect({ name, nav, known: !!graph.nav?.[nav] }).toEqual({ name, nav, known: true });
      }
      for (const [name, members] of csdl.enums) expect({ name, members }).toEqual({ name, members: GRAPH_METADATA[v].enums[name].members });
      // Only what we serve: the user's own navigations stop at authentication.
      expect(csdl.types.get('user')!.navs).toEqual(['authentication']);
      expect(csdl.types.get('conditionalAccessRoot')!.navs).toEqual([
        'authenticationContextClassReferences',
        'authenticationStrength',
        // beta's plural navigation of the same strengths
        ...(v === 'beta' ? ['authenticationStrengths'] : []),
        'deletedItems',
        'namedLocations',
        'policies',
        'templates',
      ]);
    });

    it('lists per type the properties the OpenAPI document declares (one source), per version', async () => {
      const v1 = await metadata('v1.0');
      const beta = await metadata('beta');
      const all = (csdl: Csdl, type: string): string[] => {
        const t = csdl.types.get(type)!;
        return [...(t.base ? all(csdl, t.base) : []), ...t.props.keys()];
      };
      const userSchema = Object.keys(docs['v1.0'].components.schemas.UserDto.properties!);
      expect(all(v1, 'user').sort()).toEqual(userSchema.sort());
      expect(all(v1, 'microsoftAuthenticatorAuthenticationMethod')).not.toContain('clientAppName');
      expect(all(beta, 'microsoftAuthenticatorAuthenticationMethod')).toContain('clientAppName');
      expect(all(v1, 'temporaryAccessPassAuthenticationMethod')).toContain('isUsable');
      expect(all(beta, 'temporaryAccessPassAuthenticationMethod')).not.toContain('isUsable');
      expect(v1.types.has('signInPreferences')).toBe(false);
      expect(all(beta, 'authentication')).toEqual(expect.arrayContaining(['signInPreferences', 'requirements']));
      expect(v1.enums.get('authenticationMethodKeyStrength')).not.toContain('unknownFutureValue');
    });

    it('is where the @odata.context of responses points', async () => {
      const token = delegated(
        t,
        [
          'User.ReadWrite.All',
          'UserAuthenticationMethod.ReadWrite.All',
          'Policy.ReadWrite.ConditionalAccess',
          'Application.Read.All',
          'Policy.Read.All',
          'RoleManagement.Read.Directory',
        ],
        ['Global Administrator'],
      );
      for (const path of [
        '/v1.0/users',
        '/beta/me',
        '/v1.0/me/authentication/methods',
        '/beta/identity/conditionalAccess/authenticationContextClassReferences',
        '/v1.0/applications',
        '/v1.0/policies/authenticationMethodsPolicy',
        '/beta/roleManagement/directory/roleDefinitions',
      ]) {
        const res = await call(t, 'GET', path, { token });
        expect({ path, status: res.status }).toEqual({ path, status: 200 });
        const context = String(res.body['@odata.context']);
        const [document, fragment] = context.split('#');
        expect(document).toBe(`${t.url}/${path.split('/')[1]}/$metadata`);
        const root = fragment.split(/[/(]/)[0];
        const csdl = await metadata(path.split('/')[1] as Version);
        expect(csdl.container.map((c) => c.name)).toContain(root);
      }
    });
  });
});
