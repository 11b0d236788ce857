import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { enableTapForTenant, loadAuthenticationFixture } from '../authentication/fixtures/authentication-fixture.loader.js';
import { withCliDataSource } from './cli-database.js';
import { isMain } from './is-main.js';

const HELP = `Usage: npm run fixtures -- --tenant <guid> --file <path.json>
       npm run fixtures -- --tenant <guid> --enable-tap

Loads users, their authentication methods of every type and optionally the tenant's Temporary
Access Pass policy from a JSON file into one tenant, all or nothing. Re-running the same file is
idempotent for every method with an id. Format: docs/authentication-methods.md ("Fixtures");
example: test/fixtures/authentication-methods.json.

Run it with the same DATABASE_URL / DATA_DIR as the service.

Options
  --tenant <guid>   the tenant (tid) to load into
  --file <path>     the fixture file
  --enable-tap      enable Temporary Access Pass for every user of the tenant (a new tenant has it
                    disabled, like Entra), with Graph's default settings
  -h, --help`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    strict: true,
    options: { tenant: { type: 'string' }, file: { type: 'string' }, 'enable-tap': { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) {
    process.stdout.write(`${HELP}\n`);
    return;
  }
  if (!values.tenant || !(values.file || values['enable-tap'])) throw new Error('--tenant and --file or --enable-tap are required (see --help)');
  const tenant = values.tenant;
  if (values.file) {
    const json: unknown = JSON.parse(await readFile(values.file, 'utf8'));
    const summary = await withCliDataSource((ds) => loadAuthenticationFixture(ds, tenant, json));
    process.stdout.write(
      `Loaded ${summary.users} user(s) and ${summary.methods} method(s) into tenant ${summary.tenantId}` +
        `${summary.tapPolicy ? ', with a TAP policy' : ''}.\n`,
    );
  }
  if (values['enable-tap']) {
    await withCliDataSource((ds) => enableTapForTenant(ds, tenant));
    process.stdout.write(`Temporary Access Pass enabled for every user of tenant ${tenant.toLowerCase()}.\n`);
  }
}

if (isMain(import.meta.url)) {
  main().catch((e) => {
    process.stderr.write(`fixtures: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  });
}
