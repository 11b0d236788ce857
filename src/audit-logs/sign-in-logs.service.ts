import { Injectable } from '@nestjs/common';
import type { Principal } from '../auth/principal.js';
import { collectionBody, entityBody } from '../graph/collection/collection-body.js';
import { GraphErrors } from '../graph/errors/graph.exception.js';
import type { GraphCall } from '../graph/graph-call.js';
import { documentFilterSql, parseDocumentQuery } from '../graph/odata/document-filter.js';
import { parseODataQuery } from '../graph/odata/index.js';
import { isGuid } from '../graph/odata/literals.js';
import { SIGN_IN_RETENTION_DAYS } from './sign-in-log.js';
import { SignInLogsRepository } from './sign-in-logs.repository.js';
import { mentionsEventTypes, signInFilter, SIGN_IN_GET_QUERY, SIGN_IN_LIST_QUERY } from './sign-in.odata.js';
import { signInToGraph } from './sign-in.representation.js';

export const SIGN_INS_PATH = 'auditLogs/signIns';

/** `GET /auditLogs/signIns` and `/auditLogs/signIns/{id}` (issue #14): newest first, within the retention. */
@Injectable()
export class SignInLogsService {
  constructor(private readonly repo: SignInLogsRepository) {}

  async list(p: Principal, call: GraphCall) {
    const raw: Record<string, unknown> = {};
    for (const [name, value] of Object.entries(call.query)) {
      const lower = name.toLowerCase();
      // Graph offers no $orderby on sign-ins: the order is always newest first.
      if (lower === '$orderby' || lower === 'orderby') throw GraphErrors.unsupportedQuery("Query option '$orderby' is not supported for resource 'signIn'.");
      raw[name] = value;
    }
    raw.$orderby = 'createdDateTime desc';
    const { query, filter } = parseDocumentQuery(raw, SIGN_IN_LIST_QUERY);
    const sql = filter ? documentFilterSql(filter, signInFilter(call.version), 's') : undefined;
    // As Graph: interactive sign-ins only, unless a beta `$filter` on `signInEventTypes` asks for others.
    const interactiveOnly = !filter || !mentionsEventTypes(filter);
    const { rows } = await this.repo.list(p.tenantId, this.since(), interactiveOnly, query, sql);
    return collectionBody(call, {
      context: SIGN_INS_PATH,
      query,
      paging: SIGN_IN_LIST_QUERY,
      rows,
      render: (r) => signInToGraph(call.version, r),
    });
  }

  async get(p: Principal, id: string, call: GraphCall) {
    const query = parseODataQuery(call.query, SIGN_IN_GET_QUERY);
    const row = isGuid(id) ? await this.repo.findOne(p.tenantId, id.toLowerCase()) : null;
    if (!row || new Date(row.createdAt) < this.since()) throw GraphErrors.resourceNotFound(id);
    return entityBody(call, SIGN_INS_PATH, signInToGraph(call.version, row), query.select);
  }

  private since(): Date {
    return new Date(Date.now() - SIGN_IN_RETENTION_DAYS * 86_400_000);
  }
}
