import { createHttpHeaders, type HttpClient, type PipelineRequest, type PipelineResponse } from '@azure/core-rest-pipeline';
import type { INetworkModule, NetworkRequestOptions, NetworkResponse } from '@azure/msal-node';
import type { TlsTestApp } from './tls.js';

/** msal-node's network calls through fetch with the test CA (NODE_EXTRA_CA_CERTS is read at process start only). */
export function msalNetworkClient(t: TlsTestApp): INetworkModule {
  async function send<T>(method: string, url: string, options?: NetworkRequestOptions): Promise<NetworkResponse<T>> {
    const res = await fetch(url, { method, headers: options?.headers, body: options?.body, dispatcher: t.dispatcher } as RequestInit);
    return { status: res.status, headers: Object.fromEntries(res.headers), body: (await res.json()) as T };
  }
  return {
    sendGetRequestAsync: <T>(url: string, options?: NetworkRequestOptions) => send<T>('GET', url, options),
    sendPostRequestAsync: <T>(url: string, options?: NetworkRequestOptions) => send<T>('POST', url, options),
  };
}

/** @azure/identity's pipeline through the same fetch. */
export function azureHttpClient(t: TlsTestApp): HttpClient {
  return {
    async sendRequest(request: PipelineRequest): Promise<PipelineResponse> {
      const res = await fetch(request.url, {
        method: request.method,
        headers: request.headers.toJSON(),
        body: request.body as string | undefined,
        dispatcher: t.dispatcher,
      } as RequestInit);
      return { request, status: res.status, headers: createHttpHeaders(Object.fromEntries(res.headers)), bodyAsText: await res.text() };
    },
  };
}

/** A Graph call over the test's HTTPS with a bearer token. */
export async function tlsCall(t: TlsTestApp, method: string, path: string, token: string, body?: unknown): Promise<{ status: number; body: any }> {
  const res = await fetch(`${t.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
    dispatcher: t.dispatcher,
  } as RequestInit);
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

/** A form POST to the token endpoint, as a client without a library sends it. */
export async function tokenRequest(t: TlsTestApp, tenantId: string, form: Record<string, string>, headers: Record<string, string> = {}) {
  const res = await fetch(`${t.url}/${tenantId}/oauth2/v2.0/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(form).toString(),
    dispatcher: t.dispatcher,
  } as RequestInit);
  return { status: res.status, headers: res.headers, body: (await res.json()) as any };
}

/** Checks a refusal in Entra's token-endpoint shape, with this AADSTS number. */
export function expectSts(t: TlsTestApp, res: { status: number; body: any }, status: number, error: string, code: number): void {
  expect({ status: res.status, error: res.body.error, codes: res.body.error_codes }).toEqual({ status, error, codes: [code] });
  expect(res.body.error_description).toMatch(
    new RegExp(
      `^AADSTS${code}: .+\\r\\nTrace ID: [0-9a-f-]{36}\\r\\nCorrelation ID: [0-9a-f-]{36}\\r\\nTimestamp: \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\dZ$`,
    ),
  );
  expect(res.body).toEqual({
    error,
    error_description: expect.any(String),
    error_codes: [code],
    timestamp: expect.any(String),
    trace_id: expect.any(String),
    correlation_id: expect.any(String),
    error_uri: `${t.url}/error?code=${code}`,
  });
}

export const claimsOf = (jwt: string) => JSON.parse(Buffer.from(jwt.split('.')[1], 'base64url').toString('utf8'));
