import FindMyWay from 'find-my-way';
import type { RouteOptions } from 'fastify';

declare module 'fastify' {
  interface FastifyInstance {
    /** The route table (tests walk every route through it). */
    graphRoutes: RouteTable;
  }
}

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

/** What the table knows about one path pattern. */
interface PatternInfo {
  readonly pattern: string;
  readonly methods: Set<string>;
}

/** A path that matched a registered pattern. */
export interface RouteMatch {
  /** The pattern as registered (`/v1.0/users/:user`), in its canonical letter case. */
  readonly pattern: string;
  /** `Allow`: the served methods, plus HEAD with GET and OPTIONS always, sorted. */
  readonly allow: string[];
}

/**
 * Knows every registered path pattern and its methods: it canonicalises request paths
 * (canonical-url.ts), tells a 405 (known path, other verb, with `Allow`) from a 404, and answers
 * OPTIONS. Matching is case-insensitive on literals, as Graph's; parameter values keep their case.
 */
export class RouteTable {
  private readonly router;
  private readonly byPattern = new Map<string, PatternInfo>();

  constructor(maxParamLength: number) {
    this.router = FindMyWay({ caseSensitive: false, maxParamLength });
  }

  add(route: Pick<RouteOptions, 'url' | 'method'>): void {
    // HEAD (Fastify's automatic twin of GET) and OPTIONS (answered for every known path) are
    // implied; a route made only of them (a CORS `OPTIONS *`) must not make every path "known".
    const methods = (Array.isArray(route.method) ? route.method : [route.method]).filter((m) => m !== 'HEAD' && m !== 'OPTIONS');
    if (methods.length === 0) return;
    const known = this.byPattern.get(route.url);
    if (known) {
      methods.forEach((m) => known.methods.add(m));
      return;
    }
    const info: PatternInfo = { pattern: route.url, methods: new Set<string>(methods) };
    this.byPattern.set(route.url, info);
    // One entry per pattern on every method: the store tells which methods really exist.
    this.router.on([...METHODS], route.url, () => undefined, info);
  }

  /** The pattern a path (no query string) belongs to, or undefined. Never throws. */
  match(path: string): RouteMatch | undefined {
    let found: ReturnType<typeof this.router.find>;
    try {
      found = this.router.find('GET', path);
    } catch {
      return undefined;
    }
    if (!found) return undefined;
    const info = found.store as PatternInfo;
    return { pattern: info.pattern, allow: allowOf(info.methods) };
  }

  /** `path` is a registered pattern, spelled exactly so. */
  isPattern(path: string): boolean {
    return this.byPattern.has(path);
  }

  /** Methods allowed on the path of `url`, or undefined when no route has that path. */
  allowedMethods(url: string): string[] | undefined {
    return this.match(url.split('?')[0])?.allow;
  }

  /** Every registered pattern with its served methods (tests walk them all). */
  patterns(): Array<{ pattern: string; methods: string[] }> {
    return [...this.byPattern.values()].map((i) => ({ pattern: i.pattern, methods: [...i.methods].sort() }));
  }
}

function allowOf(methods: Set<string>): string[] {
  const allow = new Set(methods);
  if (allow.has('GET')) allow.add('HEAD');
  allow.add('OPTIONS');
  return [...allow].sort();
}
