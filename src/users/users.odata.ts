import type { ODataResourceSpec } from '../graph/odata/index.js';

/** What `GET /users` accepts (DECISIONS §5); column names are the table's. */
export const USERS_ODATA: ODataResourceSpec = {
  resource: 'user',
  key: 'id',
  properties: {
    id: { column: 'id', type: 'guid', filter: ['eq', 'ne', 'in'] },
    displayName: { column: 'display_name', type: 'string', filter: ['eq', 'ne', 'in', 'startswith'], orderby: true, nullable: true },
    userPrincipalName: {
      column: 'user_principal_name',
      type: 'string',
      filter: ['eq', 'ne', 'in', 'startswith', 'endswith'],
      orderby: true,
      caseInsensitive: true,
    },
    mail: { column: 'mail', type: 'string', filter: ['eq', 'ne', 'startswith', 'endswith'], nullable: true, caseInsensitive: true },
    mailNickname: { column: 'mail_nickname', type: 'string', filter: ['eq', 'startswith'], nullable: true },
    givenName: { column: 'given_name', type: 'string', filter: ['eq', 'startswith'], nullable: true },
    surname: { column: 'surname', type: 'string', filter: ['eq', 'startswith'], nullable: true },
    accountEnabled: { column: 'account_enabled', type: 'boolean', filter: ['eq', 'ne'], nullable: true },
    // Selectable only: Graph filters it with `any()` lambdas, which this grammar does not have.
    businessPhones: { column: 'business_phones', type: 'string' },
    jobTitle: { column: 'job_title', type: 'string', filter: ['eq', 'ne', 'in', 'startswith'], nullable: true },
    mobilePhone: { column: 'mobile_phone', type: 'string', filter: ['eq', 'ne', 'in', 'startswith'], nullable: true },
    officeLocation: { column: 'office_location', type: 'string', filter: ['eq', 'ne', 'in', 'startswith'], nullable: true },
    preferredLanguage: { column: 'preferred_language', type: 'string', filter: ['eq'], nullable: true },
    // Returned only on $select (SELECTED_ONLY). Graph: "Supports $filter (eq, ne, not, ge, le, in)"; whole seconds.
    createdDateTime: { column: 'created_at', type: 'datetime', filter: ['eq', 'ne', 'ge', 'le', 'in'] },
    // Returned only on $select; not filterable in Graph. Read through a LEFT JOIN (users.repository.ts), never by this column.
    signInSessionsValidFromDateTime: { column: 'valid_from', type: 'datetime' },
  },
  options: { filter: true, select: true, top: { default: 100, max: 999 }, count: true, orderby: true, skiptoken: true },
};

/** Graph's "Returned only on $select" properties of a user: never in the default set, read only when selected. */
export const SELECTED_ONLY = ['createdDateTime', 'signInSessionsValidFromDateTime'] as const;

/** Whether `$select` names this property. */
export const selects = (select: readonly string[] | undefined, property: (typeof SELECTED_ONLY)[number]) => select?.includes(property) ?? false;
