import { Injectable } from '@nestjs/common';
import { collectionBody, entityBody } from '../../graph/collection/collection-body.js';
import type { GraphCall } from '../../graph/graph-call.js';
import { evaluateDocumentFilter, parseDocumentQuery } from '../../graph/odata/document-filter.js';
import { parseODataQuery, type ODataResourceSpec } from '../../graph/odata/index.js';
import { BUILT_IN_STRENGTHS } from '../authentication-strengths/authentication-strengths.data.js';
import { strengthToGraph, STRENGTHS_PATH } from '../authentication-strengths/authentication-strengths.service.js';
import { caNotFound } from '../schema/ca-responses.js';
import { DocumentSchema, type GraphVersion } from '../schema/document-schema.js';
import { TEMPLATES, type TemplateData } from './templates.data.js';

export const TEMPLATES_PATH = 'identity/conditionalAccess/templates';
const TYPE = 'conditionalAccessTemplate';
/** CSDL: Filterable, Select; not Countable, no Skip/Top (graph-spec-ca-root §4.1). */
const LIST_QUERY: ODataResourceSpec = {
  resource: TYPE,
  key: 'id',
  properties: Object.fromEntries(['id', 'name', 'description', 'scenarios', 'details'].map((p) => [p, { column: p, type: 'string' as const }])),
  options: { filter: true, select: true },
};
const GET_QUERY: ODataResourceSpec = { ...LIST_QUERY, options: { select: true } };
const FILTERABLE = new Set(['id', 'name', 'description', 'scenarios']);

/** A template as the given version shows it: `details` in the full normalised policy shape (§4.1). */
export function templateToGraph(t: TemplateData, version: GraphVersion, baseUrl: string, includeUnknown: boolean): Record<string, unknown> {
  const schema = DocumentSchema.of(version);
  const opts = { includeUnknownEnumMembers: includeUnknown };
  const { authenticationStrength, ...grant } = t.details.grantControls ?? {};
  const strength = BUILT_IN_STRENGTHS.find((s) => s.id === (authenticationStrength as { id?: string } | undefined)?.id);
  return {
    id: t.id,
    name: t.name,
    description: t.description,
    scenarios: t.scenarios,
    details: {
      conditions: schema.read(t.details.conditions, 'conditionalAccessConditionSet!', opts),
      grantControls: t.details.grantControls
        ? {
            ...(schema.read(grant, 'conditionalAccessGrantControls', opts) as object),
            // Inline, as on policies (graph-spec-ca-root §1.2): the strength with its own @odata.context.
            ...(strength ? { 'authenticationStrength@odata.context': `${baseUrl}/$metadata#${STRENGTHS_PATH}/$entity` } : {}),
            authenticationStrength: strength ? strengthToGraph({ ...strength, builtIn: true, combinationConfigurations: [] }, baseUrl, includeUnknown) : null,
          }
        : null,
      sessionControls: schema.read(t.details.sessionControls, 'conditionalAccessSessionControls', opts),
    },
  };
}

/** The 16 read-only templates (DECISIONS §7), identical in every tenant: no database. */
@Injectable()
export class TemplatesService {
  list(call: GraphCall, includeUnknown = false) {
    const { query, filter } = parseDocumentQuery(call.query, LIST_QUERY);
    const items = TEMPLATES.map((t) => templateToGraph(t, call.version, call.baseUrl, includeUnknown)).filter(
      (t) => !filter || evaluateDocumentFilter(filter, t, TYPE, (p) => p.length === 1 && FILTERABLE.has(p[0])),
    );
    return collectionBody(call, { context: TEMPLATES_PATH, query, rows: items });
  }

  get(id: string, call: GraphCall, includeUnknown = false) {
    const query = parseODataQuery(call.query, GET_QUERY);
    const t = TEMPLATES.find((x) => x.id === id.toLowerCase());
    if (!t) throw caNotFound(TYPE, id);
    return entityBody(call, TEMPLATES_PATH, templateToGraph(t, call.version, call.baseUrl, includeUnknown), query.select);
  }
}
