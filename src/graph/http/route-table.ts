import FindMyWay from 'find-my-way';
import type { RouteOptions } from 'fastify';

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

/**
 * Knows every registered path pattern and its methods, so an unmatched request can be told
 * apart: a known path with another verb is 405 (with `Allow`), anything else 404.
 */
export class RouteTable {
  private readonly router = FindMyWay({ ignoreTrailingSlash: true, ignoreDuplicateSlashes: true });
  private readonly methods = new Map<string, Set<string>>();

  add(route: Pick<RouteOptions, 'url' | 'method'>): void {
    const methods = (Array.isArray(route.method) ? route.method : [route.method]).filter((m) => m !== 'HEAD');
    const known = this.methods.get(route.url);
    if (known) {
      methods.forEach((m) => known.add(m));
      return;
    }
    const set = new Set<string>(methods);
    this.methods.set(route.url, set);
    // One entry per pattern on every method: the store tells which methods really exist.
    this.router.on([...METHODS], route.url, () => undefined, set);
  }

  /** Methods allowed on the path of `url`, or undefined when no route has that path. */
  allowedMethods(url: string): string[] | undefined {
    const path = url.split('?')[0];
    const found = this.router.find('GET', path);
    if (!found) return undefined;
    return [...(found.store as Set<string>)].sort();
  }
}
