/**
 * The yardstick: bare Fastify + `pg` serving the same authentication-context row the service
 * serves, with nothing else (no auth, no Nest, no TypeORM). Started by bench/run.ts.
 * Also a page of Conditional Access policies: the service's SQL (tenant, live, optional jsonb
 * containment, ORDER BY id, LIMIT top + 1) and the stored documents as they are, without rendering.
 * Usage: node dist/bench/bare-server.js <port> <databaseUrl>
 */
import Fastify from 'fastify';
import pg from 'pg';

const [port, databaseUrl] = [Number(process.argv[2]), process.argv[3]];
const pool = new pg.Pool({ connectionString: databaseUrl, max: 10 });
const app = Fastify({ logger: false });

app.get<{ Params: { tenant: string; id: string } }>('/bare/accr/:tenant/:id', async (request, reply) => {
  const { rows } = await pool.query(
    'SELECT id, display_name, description, is_available FROM authentication_context_class_references WHERE tenant_id = $1 AND id = $2',
    [request.params.tenant, request.params.id],
  );
  if (!rows.length) return reply.status(404).send({ error: 'not found' });
  const r = rows[0];
  return { id: r.id, displayName: r.display_name, description: r.description, isAvailable: r.is_available };
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
