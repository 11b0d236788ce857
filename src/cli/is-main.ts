import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * Whether the module at `moduleUrl` is the script node was started with. Node resolves symlinks in the
 * main module's path (import.meta.url) but not in argv[1], so both go through realpath: a checkout under
 * a symlinked folder (or /tmp on macOS) must still run its commands.
 */
export function isMain(moduleUrl: string): boolean {
  const script = process.argv[1];
  if (!script) return false;
  try {
    return realpathSync(script) === fileURLToPath(moduleUrl);
  } catch {
    return false;
  }
}
