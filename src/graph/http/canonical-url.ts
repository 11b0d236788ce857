import type { RouteTable } from './route-table.js';

/** `http://host:port` of an absolute-form request target (RFC 9112 §3.2.2). */
const ABSOLUTE_FORM = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i;
/** A path needs work: upper-case letters, escapes, empty or dot segments, a trailing slash. */
const NOT_CANONICAL = /[A-Z%]|\/\/|\/\.|.\/$/;

/**
 * The request target as every later stage sees it (Fastify's `rewriteUrl`): origin-form, no
 * empty segments (doubled or trailing slashes), dot segments resolved (RFC 3986 §5.2.4, as
 * http.sys and nginx do), and path literals in the letter case of their route (Graph paths are
 * case-insensitive: `/V1.0/Users` is `/v1.0/users`). Parameter segments (user ids, UPNs, method
 * ids) and the query string are left exactly as sent. Code that reads `request.url` (version,
 * `/me`, content type) therefore never meets a variant spelling.
 */
export function canonicalUrl(url: string, routes: RouteTable): string {
  let target = url;
  const absolute = ABSOLUTE_FORM.exec(target);
  if (absolute) target = target.slice(absolute[0].length) || '/';
  // `*` (OPTIONS *) and junk without a leading slash are left to the router (404).
  if (target.charCodeAt(0) !== 47) return url;
  const end = firstOf(target, '?', '#');
  const path = target.slice(0, end);
  if (!NOT_CANONICAL.test(path)) return target;

  const segments = pathSegments(path);
  const match = routes.match(`/${segments.join('/')}`);
  if (match) {
    const parts = match.pattern.split('/').slice(1);
    // Only when pattern and path align segment for segment (no wildcard): literals take the route's case.
    if (parts.length === segments.length) {
      parts.forEach((part, i) => {
        if (!part.includes(':') && !part.includes('*')) segments[i] = part;
      });
    }
  }
  // A route registered with its trailing slash (Swagger UI's `/docs/`) keeps it.
  const slash = path.length > 1 && path.endsWith('/') && routes.isPattern(path) ? '/' : '';
  return `/${segments.join('/')}${slash}${target.slice(end)}`;
}

/** A path's segments, empty ones dropped and dot segments resolved (RFC 3986 §5.2.4; `..` at the root stays there). */
export function pathSegments(path: string): string[] {
  const segments: string[] = [];
  for (const segment of path.split('/')) {
    if (segment === '') continue;
    const dots = dotSegment(segment);
    if (dots === 1) continue;
    if (dots === 2) segments.pop();
    else segments.push(segment);
  }
  return segments;
}

/** 1 for `.`, 2 for `..` (also percent-encoded), else 0. */
function dotSegment(segment: string): 0 | 1 | 2 {
  if (segment.length > 6) return 0;
  const s = segment.toLowerCase().replaceAll('%2e', '.');
  return s === '.' ? 1 : s === '..' ? 2 : 0;
}

function firstOf(s: string, a: string, b: string): number {
  const i = s.indexOf(a);
  const j = s.indexOf(b);
  if (i < 0) return j < 0 ? s.length : j;
  return j < 0 ? i : Math.min(i, j);
}
