/**
 * `npm start` runs the service under `npm` and a `sh -c`: a SIGTERM to npm ends npm and the shell but never
 * reaches node, which would keep serving (and keep its Postgres) as an orphan. Under an npm script, a changed
 * parent means the launcher is gone: stop as on SIGTERM. Started any other way (systemd, docker, nohup), a
 * changed parent means nothing.
 */
export function stopWhenLauncherDies(underNpm: boolean, intervalMs = 1000): void {
  if (!underNpm || process.platform === 'win32') return;
  const parent = process.ppid;
  const timer = setInterval(() => {
    if (process.ppid === parent) return;
    clearInterval(timer);
    process.kill(process.pid, 'SIGTERM');
  }, intervalMs);
  timer.unref();
}
