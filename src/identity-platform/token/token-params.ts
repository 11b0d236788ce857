import { StsErrors } from '../errors/sts-error.js';
import type { FormBody } from '../http/form-body.js';

/** Values longer than this are refused as malformed rather than processed (a client assertion is a few KB). */
const MAX_VALUE_LENGTH = 16 * 1024;

/** The token request's parameters: each at most once; HTTP Basic client credentials when sent (RFC 6749 §2.3.1). */
export class TokenParams {
  private constructor(
    private readonly values: Map<string, string>,
    readonly basic: { clientId: string; clientSecret: string } | undefined,
  ) {}

  static from(body: unknown, authorization: string | undefined): TokenParams {
    const values = new Map<string, string>();
    const form = (body as Partial<FormBody> | undefined)?.form;
    for (const [name, value] of Array.isArray(form) ? form : []) {
      if (values.has(name)) throw StsErrors.duplicateParameter(name.slice(0, 64));
      if (value.length > MAX_VALUE_LENGTH) throw StsErrors.malformedParameter(name.slice(0, 64));
      values.set(name, value);
    }
    return new TokenParams(values, basicCredentials(authorization));
  }

  /** A parameter's value; empty counts as absent, as Entra treats it. */
  get(name: string): string | undefined {
    const v = this.values.get(name);
    return v === undefined || v === '' ? undefined : v;
  }

  require(name: string): string {
    const v = this.get(name);
    if (v === undefined) throw StsErrors.missingParameter(name);
    return v;
  }
}

/** `Authorization: Basic base64(urlencode(id):urlencode(secret))`; anything else there is ignored. */
function basicCredentials(header: string | undefined): { clientId: string; clientSecret: string } | undefined {
  const m = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header ?? '');
  if (!m) return undefined;
  const decoded = Buffer.from(m[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  try {
    return { clientId: decodeURIComponent(decoded.slice(0, colon)), clientSecret: decodeURIComponent(decoded.slice(colon + 1)) };
  } catch {
    throw StsErrors.malformedParameter('Authorization');
  }
}
