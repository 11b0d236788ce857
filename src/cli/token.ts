import { parseArgs } from 'node:util';
import { canonicalPermission, directoryRoleId } from '../auth/catalogue/index.js';
import { DIRECTORY_ROLES, PERSONAL_ACCOUNT_TENANT } from '../auth/directory-roles.js';
import { SigningKeysRepository } from '../auth/keys/signing-keys.repository.js';
import { MAX_TOKEN_LIFETIME_SECONDS, SigningKeysService } from '../auth/keys/signing-keys.service.js';
import { DevTokenIssuer } from '../auth/tokens/dev-token-issuer.service.js';
import { devIssuerBase } from '../auth/tokens/issuers.js';
import { userObjectId, type MintOptions } from '../auth/tokens/mint-options.js';
import { UserEntity } from '../users/user.entity.js';
import { Transactions } from '../database/transactions.js';
import { UsersRepository } from '../users/users.repository.js';
import { withCliDataSource } from './cli-database.js';
import { serviceAccepts } from './service-check.js';
import { isMain } from './is-main.js';
import { GUID_PATTERN as GUID } from '../graph/odata/literals.js';

/** The tenant tokens belong to when --tenant is not given. */
export const DEFAULT_TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';

const HELP = `Usage: npm run token -- [options]

Prints an access token signed by this service's development issuer. Run it with the same
PORT / HOST / PUBLIC_BASE_URL / DATABASE_URL / DATA_DIR as the service (the issuer name and the
signing key come from them). Paste the token into Swagger UI's Authorize, or send it as
"Authorization: Bearer <token>".

Options
  --tenant <guid>        tid (default ${DEFAULT_TENANT})
  --app                  an application (client credentials) token; default is delegated
  --oid <guid>           object id of the user or service principal (default: the id of the user
                         with this --upn in the database, else one derived from tenant and --upn,
                         so every token for one UPN is the same user; random without --upn)
  --upn <name>           userPrincipalName of the signed-in user
  --name <text>          display name of the signed-in user
  --scp <scopes>         delegated permissions, space or comma separated (repeatable)
  --roles <perms>        application permissions, comma separated (repeatable)
  --role <role>          directory role name or template id, e.g. "Global Administrator" (repeatable)
                         Permission and role names must be Microsoft Graph's / Entra's built-in ones.
  --acrs <ids>           satisfied authentication contexts, e.g. c1,c2
  --xms-cc <caps>        client capabilities, e.g. cp1
  --personal             a personal Microsoft account (tid ${PERSONAL_ACCOUNT_TENANT})
  --audience <aud>       default https://graph.microsoft.com
  --lifetime <seconds>   default 3600, at most ${MAX_TOKEN_LIFETIME_SECONDS}
  --rotate               start signing with a new key first (old tokens stay valid until they expire)
  --json                 print the claims too
  -h, --help

Examples
  # An administrator who manages authentication contexts:
  npm run token -- --upn admin@contoso.com --name "Ada Admin" \\
    --scp "Policy.ReadWrite.ConditionalAccess UserAuthenticationMethod.ReadWrite.All User.ReadWrite.All" \\
    --role "Global Administrator"

  # A plain user who reads their own authentication methods (GET /me/authentication/methods):
  npm run token -- --upn kim@contoso.com --scp UserAuthenticationMethod.Read

  # An application (daemon) that manages every user's phone methods:
  npm run token -- --app --roles UserAuthenticationMethod.ReadWrite.All,User.Read.All

  # A Conditional Access administrator whose client handles claims challenges (cp1), after stepping up to
  # the context c1 that protects policy writes (without --acrs c1 such a write gets the 401 challenge):
  npm run token -- --upn admin@contoso.com --scp Policy.ReadWrite.ConditionalAccess \\
    --role "Conditional Access Administrator" --xms-cc cp1 --acrs c1

  # A personal Microsoft account (every endpoint here answers 403):
  npm run token -- --personal --upn someone@outlook.com --scp User.Read

When a service answers at the issuer address, the command checks that it would accept the token
(same issuer, same signing keys) and refuses with one line otherwise.

Directory roles the permission tables here name: ${Object.keys(DIRECTORY_ROLES).join(', ')}.`;

const list = (values: string[] | undefined, separators: RegExp) =>
  (values ?? [])
    .flatMap((v) => v.split(separators))
    .map((v) => v.trim())
    .filter(Boolean);

export function mintOptionsFromArgs(argv: string[]): { options: MintOptions; rotate: boolean; json: boolean } | 'help' {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      tenant: { type: 'string' },
      app: { type: 'boolean' },
      oid: { type: 'string' },
      upn: { type: 'string' },
      name: { type: 'string' },
      scp: { type: 'string', multiple: true },
      roles: { type: 'string', multiple: true },
      role: { type: 'string', multiple: true },
      acrs: { type: 'string' },
      'xms-cc': { type: 'string' },
      personal: { type: 'boolean' },
      audience: { type: 'string' },
      lifetime: { type: 'string' },
      rotate: { type: 'boolean' },
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return 'help';
  const lifetime = values.lifetime === undefined ? 3600 : Number(values.lifetime);
  if (!Number.isInteger(lifetime) || lifetime < 1 || lifetime > MAX_TOKEN_LIFETIME_SECONDS) {
    throw new Error(`--lifetime must be an integer from 1 to ${MAX_TOKEN_LIFETIME_SECONDS}`);
  }
  const tenantId = values.personal ? PERSONAL_ACCOUNT_TENANT : (values.tenant ?? DEFAULT_TENANT);
  if (!GUID.test(tenantId)) throw new Error('--tenant must be a GUID');
  if (values.oid !== undefined && !GUID.test(values.oid)) throw new Error('--oid must be a GUID');
  return {
    rotate: values.rotate ?? false,
    json: values.json ?? false,
    options: {
      tenantId,
      kind: values.app ? 'application' : 'delegated',
      objectId: values.oid,
      userPrincipalName: values.upn,
      name: values.name,
      scopes: list(values.scp, /[\s,]+/).map((p) => canonicalPermission(p, '--scp')),
      appRoles: list(values.roles, /[\s,]+/).map((p) => canonicalPermission(p, '--roles')),
      directoryRoles: list(values.role, /,/).map(directoryRoleId),
      acrs: values.acrs ? list([values.acrs], /,/) : undefined,
      clientCapabilities: values['xms-cc'] ? list([values['xms-cc']], /,/) : undefined,
      audience: values.audience,
      lifetimeSeconds: lifetime,
    },
  };
}

async function main(): Promise<void> {
  const parsed = mintOptionsFromArgs(process.argv.slice(2));
  if (parsed === 'help') {
    process.stdout.write(`${HELP}\n`);
    return;
  }
  const token = await withCliDataSource(async (ds, config) => {
    const keys = new SigningKeysService(new SigningKeysRepository(ds));
    await keys.onModuleInit();
    const issuer = new DevTokenIssuer(config, keys);
    const { options } = parsed;
    const ownKids = new Set(keys.publishedJwks().keys.map((k) => k.kid));
    const base = devIssuerBase(config);
    if (!(await serviceAccepts(base, options.tenantId, issuer.issuerFor(options.tenantId), ownKids))) {
      process.stderr.write(`token: no service answers at ${base} now; this token is for one started with these settings.\n`);
    }
    if (parsed.rotate) await keys.rotate();
    if (options.kind === 'delegated' && options.userPrincipalName && !options.objectId) {
      // One user, one oid: the user already in the directory (created by POST /users or an earlier
      // token's /me), else a name-based id every later token for this UPN repeats.
      const existing = await new UsersRepository(ds.getRepository(UserEntity), new Transactions(ds, config)).findByKey(
        options.tenantId,
        options.userPrincipalName,
      );
      options.objectId = existing?.id ?? userObjectId(options.tenantId, options.userPrincipalName);
    }
    return issuer.mint(options);
  });
  if (parsed.json) {
    const claims = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8'));
    process.stderr.write(`${JSON.stringify(claims, null, 2)}\n`);
  }
  process.stdout.write(`${token}\n`);
}

if (isMain(import.meta.url)) {
  main().catch((e) => {
    process.stderr.write(`token: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  });
}
