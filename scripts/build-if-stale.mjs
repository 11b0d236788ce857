#!/usr/bin/env node
/**
 * `npm start`'s build step (prestart): does nothing when dist/ is newer than every input, otherwise
 * compiles incrementally (tsc --incremental: only changed files are re-checked and re-emitted) and
 * removes outputs whose source is gone. `npm run build` stays the clean full build (rm -rf dist).
 * A second `npm start` with nothing changed spends ~0.1 s here instead of a full tsc run (8-30 s).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const DIST = join(ROOT, 'dist');
const STAMP = join(DIST, '.build-stamp');
const BUILD_INFO = join(DIST, '.tsbuildinfo');
const SOURCE_DIRS = ['src', 'bench'];
/** Folders under SOURCE_DIRS that hold no sources (the bench writes its results there). */
const SKIP_DIRS = new Set(['results']);
const SOURCE_FILES = ['ormconfig.ts', 'tsconfig.json', 'tsconfig.build.json', 'package.json', 'package-lock.json'];

/** Newest modification time (ms) under a folder, counting only files that end with one of `exts`. */
function newest(dir, exts) {
  let max = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) max = SKIP_DIRS.has(entry.name) ? max : Math.max(max, newest(path, exts));
    else if (exts.some((e) => entry.name.endsWith(e))) max = Math.max(max, statSync(path).mtimeMs);
  }
  return max;
}

function inputsMtime() {
  let max = 0;
  for (const d of SOURCE_DIRS) if (existsSync(join(ROOT, d))) max = Math.max(max, newest(join(ROOT, d), ['.ts', '.json']));
  for (const f of SOURCE_FILES) if (existsSync(join(ROOT, f))) max = Math.max(max, statSync(join(ROOT, f)).mtimeMs);
  return max;
}

/** Outputs (.js and .js.map) of a deleted source would still load (a removed migration, say): drop them. */
function pruneOrphans(dir) {
  if (!existsSync(dir)) return;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) pruneOrphans(path);
    else if (/\.js(\.map)?$/.test(entry.name)) {
      const source = join(ROOT, relative(DIST, path)).replace(/\.js(\.map)?$/, '.ts');
      if (!existsSync(source)) rmSync(path, { force: true });
    }
  }
}

const entry = join(DIST, 'src', 'main.js');
const fresh = existsSync(entry) && existsSync(STAMP) && statSync(STAMP).mtimeMs >= inputsMtime();
if (fresh) process.exit(0);

// Without the entry point the build info cannot be trusted (someone emptied dist/ by hand).
if (!existsSync(entry)) rmSync(BUILD_INFO, { force: true });
const started = new Date();
const tsc = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
try {
  execFileSync(process.execPath, [tsc, '-p', 'tsconfig.build.json', '--incremental', '--tsBuildInfoFile', BUILD_INFO], {
    cwd: ROOT,
    stdio: 'inherit',
  });
} catch {
  process.stderr.write('build failed (see the TypeScript errors above)\n');
  process.exit(1);
}
for (const d of SOURCE_DIRS) pruneOrphans(join(DIST, d));
// The stamp carries the build's start time: a file saved while tsc ran makes the next start build again.
writeFileSync(STAMP, '');
utimesSync(STAMP, started, started);
