/**
 * The OpenID Connect `claims` request parameter as MSAL and resource servers send it for the access token:
 * authentication contexts `{"access_token":{"acrs":{"essential":true,"value":"c1"}}}` (or `values`), client
 * capabilities `{"access_token":{"xms_cc":{"values":["cp1"]}}}`. Other members are ignored. `null`: not JSON or not
 * an object (the caller refuses it).
 */
export interface ClaimsRequest {
  acrs: string[];
  xmsCc: string[];
}

const MAX_VALUES = 64;

export function parseClaimsRequest(text: string | undefined): ClaimsRequest | null {
  if (text === undefined || text === '') return { acrs: [], xmsCc: [] };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return null;
  }
  if (!isObject(parsed)) return null;
  const at = parsed.access_token;
  if (at === undefined || at === null) return { acrs: [], xmsCc: [] };
  if (!isObject(at)) return null;
  const acrs = values(at.acrs);
  const xmsCc = values(at.xms_cc);
  if (acrs === null || xmsCc === null) return null;
  return { acrs, xmsCc };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** `{"value": "c1"}` and/or `{"values": ["c1", "c2"]}`, strings only; absent or null → []. */
function values(member: unknown): string[] | null {
  if (member === undefined || member === null) return [];
  if (!isObject(member)) return null;
  const out: string[] = [];
  if (member.value !== undefined && member.value !== null) {
    if (typeof member.value !== 'string') return null;
    out.push(member.value);
  }
  if (member.values !== undefined && member.values !== null) {
    if (!Array.isArray(member.values) || member.values.some((v) => typeof v !== 'string')) return null;
    out.push(...(member.values as string[]));
  }
  if (out.length > MAX_VALUES || out.some((v) => v.length === 0 || v.length > 128)) return null;
  return [...new Set(out)];
}
