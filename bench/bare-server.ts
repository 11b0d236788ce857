/**
 * The yardsticks: bare Fastify + `pg` routes that answer each benchmark scenario with the same JSON
 * the service sends (same rows, same fields, same order; bench/run.ts checks the bodies are equal up
 * to the origin), with nothing else: no token verification, no Nest, no TypeORM, one statement per
 * read the data needs. The tenant comes from the path, or (create/delete) from the token's `tid`
 * claim, read without verifying it. Started by bench/run.ts.
 * Conditional Access policies are the exception: the service's SQL (tenant, live, optional jsonb
 * containment, ORDER BY id, LIMIT top + 1) and the stored documents as they are, without rendering.
 * Usage: node dist/bench/bare-server.js <port> <databaseUrl>
 */
import Fastify, { type FastifyRequest } from 'fastify';
import pg from 'pg';
// The one piece of the service reused: the skiptoken's bytes (a sha256 over the query), so nextLinks match.
import { encodeSkipToken } from '../src/graph/odata/skiptoken.js';
import { USERS_ODATA } from '../src/users/users.odata.js';

const [port, databaseUrl] = [Number(process.argv[2]), process.argv[3]];
const pool = new pg.Pool({ connectionString: databaseUrl, max: 10 });
const app = Fastify({ logger: false });

const origin = (request: FastifyRequest) => `http://${request.headers.host}`;
const ACCR_CONTEXT = '/v1.0/$metadata#identity/conditionalAccess/authenticationContextClassReferences';
type AccrRow = { id: string; display_name: string; description: string | null; is_available: boolean };
const accr = (r: AccrRow) => ({ id: r.id, displayName: r.display_name, description: r.description, isAvailable: r.is_available });
/** The caller's tenant from the token, unverified (the bare routes do no auth). */
const tidOf = (request: FastifyRequest) =>
  (JSON.parse(Buffer.from(String(request.headers.authorization).split('.')[1], 'base64url').toString()) as { tid: string }).tid;

app.get<{ Params: { tenant: string; id: string } }>('/bare/accr/:tenant/:id', async (request, reply) => {
  const { rows } = await pool.query<AccrRow>(
    'SELECT id, display_name, description, is_available FROM authentication_context_class_references WHERE tenant_id = $1 AND id = $2',
    [request.params.tenant, request.params.id],
  );
  if (!rows.length) return reply.status(404).send({ error: 'not found' });
  return { '@odata.context': `${origin(request)}${ACCR_CONTEXT}/$entity`, ...accr(rows[0]) };
});

app.get<{ Params: { tenant: string } }>('/bare/accr/:tenant', async (request) => {
  const { rows } = await pool.query<AccrRow>(
    `SELECT id, display_name, description, is_available FROM authentication_context_class_references
     WHERE tenant_id = $1 AND is_available = true ORDER BY id LIMIT 101`,
    [request.params.tenant],
  );
  return { '@odata.context': `${origin(request)}${ACCR_CONTEXT}`, value: rows.map(accr) };
});

app.post<{ Body: { id: string; displayName: string; description?: string; isAvailable: boolean } }>('/bare/accr', async (request, reply) => {
  const b = request.body;
  const { rows } = await pool.query<AccrRow>(
    `INSERT INTO authentication_context_class_references (tenant_id, id, display_name, description, is_available)
     VALUES ($1, $2, $3, $4, $5) RETURNING id, display_name, description, is_available`,
    [tidOf(request), b.id, b.displayName, b.description ?? null, b.isAvailable],
  );
  return reply.status(201).send({ '@odata.context': `${origin(request)}${ACCR_CONTEXT}/$entity`, ...accr(rows[0]) });
});

app.delete<{ Params: { id: string } }>('/bare/accr/:id', async (request, reply) => {
  const { rowCount } = await pool.query('DELETE FROM authentication_context_class_references WHERE tenant_id = $1 AND id = $2', [
    tidOf(request),
    request.params.id,
  ]);
  return reply.status(rowCount ? 204 : 404).send();
});

const USER_COLUMNS = `id, business_phones, display_name, given_name, job_title, mail, mobile_phone, office_location, preferred_language,
  surname, user_principal_name, mail_nickname, account_enabled`;

/** A page of users (keyset on id, as the service), with the service's nextLink. */
app.get<{ Params: { tenant: string }; Querystring: { $top?: string; $skiptoken?: string } }>('/bare/users/:tenant', async (request) => {
  const top = Number(request.query.$top ?? 100);
  const after = request.query.$skiptoken ? (JSON.parse(Buffer.from(request.query.$skiptoken, 'base64url').toString()) as { v: string[] }).v[0] : null;
  const { rows } = await pool.query(`SELECT ${USER_COLUMNS} FROM users WHERE tenant_id = $1 AND ($2::uuid IS NULL OR id > $2) ORDER BY id LIMIT $3`, [
    request.params.tenant,
    after,
    top + 1,
  ]);
  const page = rows.slice(0, top).map((r) => ({
    id: r.id,
    businessPhones: r.business_phones,
    displayName: r.display_name,
    givenName: r.given_name,
    jobTitle: r.job_title,
    mail: r.mail,
    mobilePhone: r.mobile_phone,
    officeLocation: r.office_location,
    preferredLanguage: r.preferred_language,
    surname: r.surname,
    userPrincipalName: r.user_principal_name,
    mailNickname: r.mail_nickname,
    accountEnabled: r.account_enabled,
  }));
  const next =
    rows.length > top ? `${origin(request)}/v1.0/users?$top=${top}&$skiptoken=${encodeSkipToken(USERS_ODATA, { orderby: [] }, [page[top - 1].id])}` : undefined;
  return { '@odata.context': `${origin(request)}/v1.0/$metadata#users`, ...(next ? { '@odata.nextLink': next } : {}), value: page };
});

const PASSWORD_METHOD = {
  '@odata.type': '#microsoft.graph.passwordAuthenticationMethod',
  id: '28c10230-6103-485e-b985-444c60001490',
  password: null,
  createdDateTime: null,
};
const MOBILE_ID = '3179e48a-750b-4051-897c-87b9720928f7';
type MethodRow = { id: string; kind: string; properties: Record<string, string | null>; created_at: Date | null };

/** A user's methods (the implicit password first), as the service reads them: the user, the methods, SMS uniqueness. */
app.get<{ Params: { tenant: string; user: string } }>('/bare/methods/:tenant/:user', async (request, reply) => {
  const { tenant, user } = request.params;
  const found = await pool.query('SELECT id FROM users WHERE tenant_id = $1 AND id = $2', [tenant, user]);
  if (!found.rows.length) return reply.status(404).send({ error: 'not found' });
  const { rows } = await pool.query<MethodRow>(
    `SELECT id, kind, properties, created_at FROM authentication_methods WHERE tenant_id = $1 AND user_id = $2
     ORDER BY created_at ASC NULLS FIRST, id`,
    [tenant, user],
  );
  const mobile = rows.find((m) => m.kind === 'phone' && m.id === MOBILE_ID);
  let taken = false;
  if (mobile?.properties.smsSignInEnabledAt) {
    const t = await pool.query(
      `SELECT 1 FROM authentication_methods WHERE tenant_id = $1 AND kind = 'phone' AND id = $2 AND properties->>'phoneNumber' = $3
       AND user_id <> $4 AND properties->>'smsSignInEnabledAt' IS NOT NULL
       AND ((properties->>'smsSignInEnabledAt')::timestamptz, user_id) < ($5::timestamptz, $4::uuid) LIMIT 1`,
      [tenant, MOBILE_ID, mobile.properties.phoneNumber, user, mobile.properties.smsSignInEnabledAt],
    );
    taken = t.rows.length > 0;
  }
  const value = [
    PASSWORD_METHOD,
    ...rows.map((m) => {
      const createdDateTime = m.created_at ? m.created_at.toISOString() : null;
      const p = m.properties;
      if (m.kind === 'phone') {
        const smsSignInState = m.id !== MOBILE_ID ? 'notSupported' : p.smsSignInEnabledAt ? (taken ? 'phoneNumberNotUnique' : 'ready') : 'notConfigured';
        return {
          '@odata.type': '#microsoft.graph.phoneAuthenticationMethod',
          id: m.id,
          phoneNumber: p.phoneNumber,
          phoneType: p.phoneType,
          smsSignInState,
          createdDateTime,
        };
      }
      return { '@odata.type': '#microsoft.graph.emailAuthenticationMethod', id: m.id, emailAddress: p.emailAddress, createdDateTime };
    }),
  ];
  return { '@odata.context': `${origin(request)}/v1.0/$metadata#users('${user}')/authentication/methods`, value };
});

const POLICY_COLUMNS = `id, display_name, description, state, conditions, grant_controls, session_controls, template_id,
  created_at, modified_at`;

app.get<{ Params: { tenant: string }; Querystring: { contains?: string; top?: string } }>('/bare/ca-policies/:tenant', async (request) => {
  const { contains, top } = request.query;
  const limit = Number(top ?? 100);
  const params: unknown[] = [request.params.tenant, limit + 1];
  if (contains) params.push(contains);
  const { rows } = await pool.query(
    `SELECT ${POLICY_COLUMNS} FROM ca_policies p WHERE tenant_id = $1 AND deleted_at IS NULL
     ${contains ? 'AND conditions @> $3::jsonb' : ''} ORDER BY id LIMIT $2`,
    params,
  );
  return {
    value: rows.slice(0, limit).map((r) => ({
      id: r.id,
      templateId: r.template_id,
      displayName: r.display_name,
      description: r.description,
      createdDateTime: r.created_at,
      modifiedDateTime: r.modified_at,
      deletedDateTime: null,
      state: r.state,
      sessionControls: r.session_controls,
      conditions: r.conditions,
      grantControls: r.grant_controls,
    })),
  };
});

await app.listen({ port, host: '127.0.0.1' });
process.stdout.write('ready\n');
const stop = async () => {
  await app.close();
  await pool.end();
  process.exit(0);
};
process.on('SIGTERM', () => void stop());
process.on('SIGINT', () => void stop());
