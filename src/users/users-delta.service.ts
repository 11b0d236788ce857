import { Injectable } from '@nestjs/common';
import type { Principal } from '../auth/principal.js';
import { GraphErrors } from '../graph/errors/graph.exception.js';
import { collectionContext } from '../graph/collection/collection-body.js';
import type { GraphCall } from '../graph/graph-call.js';
import { parseODataQuery, projectSelect } from '../graph/odata/index.js';
import { toGraph, USER_ODATA_TYPE } from './user-representation.js';
import { USERS_ODATA } from './users.odata.js';
import { UsersRepository } from './users.repository.js';

const PAGE_SIZE = 200;

/** What a `$skiptoken`/`$deltatoken` carries: the last change seen, the round kind and the `$select`. */
interface DeltaState {
  /** Change number (decimal string) after which to continue. */
  s: string;
  /** 1 while in the initial round (deletions before it are of no interest to the client). */
  i: 0 | 1;
  sel?: string[];
}

const SELECT_ONLY = { ...USERS_ODATA, options: { select: true } };

/**
 * `GET /users/delta` (graph-spec: delta query). The initial round lists every user, in pages
 * (`@odata.nextLink` with `$skiptoken`), and ends with an `@odata.deltaLink` (`$deltatoken`); calling
 * that returns the users created or changed since, and those deleted since as
 * `{"id", "@removed": {"reason": "deleted"}}`, then a new deltaLink. Tokens are opaque to clients; the
 * `$select` of the first request is kept in them, as Graph does.
 */
@Injectable()
export class UsersDeltaService {
  constructor(private readonly users: UsersRepository) {}

  async delta(principal: Principal, call: GraphCall) {
    const state = this.stateOf(call.query);
    const changes = await this.users.changesSince(principal.tenantId, state.s, PAGE_SIZE + 1, state.i === 0, state.sel);
    const page = changes.slice(0, PAGE_SIZE);
    const last = page.length > 0 ? page[page.length - 1].seq.toString() : state.s;
    const base = `${call.baseUrl}/users/delta()`;
    const more = changes.length > PAGE_SIZE;
    const link = more
      ? { '@odata.nextLink': `${base}?$skiptoken=${encode({ ...state, s: last })}` }
      : { '@odata.deltaLink': `${base}?$deltatoken=${encode({ s: last, i: 0, ...(state.sel ? { sel: state.sel } : {}) })}` };
    return {
      '@odata.context': collectionContext(call, 'users', state.sel),
      ...link,
      value: page.map((c) =>
        c.user ? projectSelect(toGraph(c.user, state.sel), state.sel) : { '@odata.type': USER_ODATA_TYPE, id: c.deletedId, '@removed': { reason: 'deleted' } },
      ),
    };
  }

  /** The first request carries `$select` (only); later ones carry exactly one token and nothing else. */
  private stateOf(query: Record<string, unknown>): DeltaState {
    const token = tokenOf(query);
    if (!token) {
      const parsed = parseODataQuery(query, SELECT_ONLY);
      return { s: '0', i: 1, ...(parsed.select ? { sel: parsed.select } : {}) };
    }
    const rest = Object.keys(query).filter((k) => !['$skiptoken', '$deltatoken'].includes(k.toLowerCase()));
    if (rest.length > 0) throw GraphErrors.unsupportedQuery('Query options cannot be combined with a $skiptoken or $deltatoken; they are kept in the token.');
    return decode(token);
  }
}

function tokenOf(query: Record<string, unknown>): string | undefined {
  const found = Object.entries(query).filter(([k]) => ['$skiptoken', '$deltatoken'].includes(k.toLowerCase()));
  if (found.length === 0) return undefined;
  const [, value] = found[0];
  if (found.length > 1 || typeof value !== 'string') throw badToken();
  return value;
}

function encode(state: DeltaState): string {
  return Buffer.from(JSON.stringify(state)).toString('base64url');
}

function decode(token: string): DeltaState {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
  } catch {
    throw badToken();
  }
  const p = parsed as Partial<DeltaState> | null;
  const selectable = (n: unknown) => typeof n === 'string' && Object.hasOwn(USERS_ODATA.properties, n);
  if (
    !p ||
    typeof p !== 'object' ||
    typeof p.s !== 'string' ||
    !/^\d{1,18}$/.test(p.s) ||
    (p.i !== 0 && p.i !== 1) ||
    (p.sel !== undefined && !(Array.isArray(p.sel) && p.sel.length <= 64 && p.sel.every(selectable)))
  ) {
    throw badToken();
  }
  return { s: p.s, i: p.i, ...(p.sel ? { sel: p.sel } : {}) };
}

const badToken = () => GraphErrors.invalidProperty('The $skiptoken or $deltatoken is not valid; start again with GET /users/delta.');
