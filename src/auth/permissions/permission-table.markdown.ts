import { NOT_SUPPORTED, type PermissionTable } from './permission-table.js';

const cell = (p: readonly string[] | typeof NOT_SUPPORTED | undefined) => (p === undefined ? '' : p === NOT_SUPPORTED ? 'Not supported.' : p.join(', '));

/** The table as Graph's docs print it, for the operation's Swagger description. */
export function renderPermissionTable(t: PermissionTable): string {
  const rows: [string, string][] = [];
  if (t.delegatedSelf !== undefined) {
    rows.push(['Delegated (work or school account), acting on yourself', cell(t.delegatedSelf)]);
    rows.push(['Delegated (work or school account), acting on other users', cell(t.delegated)]);
  } else {
    rows.push(['Delegated (work or school account)', cell(t.delegated)]);
  }
  rows.push(['Delegated (personal Microsoft account)', cell(t.personal)]);
  rows.push(['Application', cell(t.application)]);
  const lines = ['**Permissions** (least to most privileged)', '', '|Permission type|Permissions|', '|:---|:---|', ...rows.map(([k, v]) => `|${k}|${v}|`)];
  if (t.roles?.length) {
    lines.push(
      '',
      `In delegated scenarios${t.delegatedSelf !== undefined ? ' on other users' : ''}, the signed-in user also needs one of these Microsoft Entra roles: ${t.roles.join(', ')}.`,
    );
  }
  if (t.selfNotSupportedReason) lines.push('', t.selfNotSupportedReason);
  return lines.join('\n');
}
