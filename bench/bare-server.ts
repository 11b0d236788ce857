/**
 * The yardstick: bare Fastify + `pg` serving the same authentication-context row the service
 * serves, with nothing else (no auth, no Nest, no TypeORM). Started by bench/run.ts.
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

await app.listen({ port, host: '127.0.0.1' });
process.stdout.write('ready\n');
const stop = async () => {
  await app.close();
  await pool.end();
  process.exit(0);
};
process.on('SIGTERM', () => void stop());
process.on('SIGINT', () => void stop());
