import type { FastifyReply } from 'fastify';
import { randomUUID } from 'node:crypto';
import { escapeHtml, sendPage } from '../sign-in-page/html.js';
import type { AuthorizeRedirectError } from './authorize-errors.js';
import type { ResponseMode } from './authorize-request.js';

/**
 * Hands the result to the client's (registered) redirect URI in its response mode: `query` and `fragment` as a 302,
 * `form_post` as a page whose form posts itself (a button when scripts are off).
 */
export function deliver(reply: FastifyReply, redirectUri: string, mode: ResponseMode, values: Record<string, string | undefined>): FastifyReply {
  const entries = Object.entries(values).filter((e): e is [string, string] => e[1] !== undefined);
  if (mode === 'form_post') {
    const inputs = entries.map(([k, v]) => `<input type="hidden" name="${escapeHtml(k)}" value="${escapeHtml(v)}">`).join('');
    return sendPage(
      reply,
      200,
      'Working...',
      `<form method="post" action="${escapeHtml(redirectUri)}">${inputs}<noscript><p>Script is disabled. Click Submit to continue.</p><input type="submit" value="Submit"></noscript></form>`,
      { formAction: redirectUri, script: 'document.forms[0].submit();' },
    );
  }
  const encoded = new URLSearchParams(entries).toString();
  let location: string;
  if (mode === 'fragment') {
    location = `${redirectUri.split('#')[0]}#${encoded}`;
  } else {
    let url: URL | undefined;
    try {
      url = new URL(redirectUri);
    } catch {
      url = undefined; // registered as a string that is not a URL: append as text
    }
    if (url) {
      for (const [k, v] of entries) url.searchParams.append(k, v);
      location = url.toString();
    } else {
      location = `${redirectUri}${redirectUri.includes('?') ? '&' : '?'}${encoded}`;
    }
  }
  return reply.status(302).header('location', location).header('cache-control', 'no-store, no-cache').header('referrer-policy', 'no-referrer').send();
}

/** Entra's `error_description` on a redirect: the AADSTS line, then trace, correlation and timestamp. */
export function redirectErrorValues(e: AuthorizeRedirectError, state: string | undefined, now = new Date()): Record<string, string | undefined> {
  const timestamp = `${now.toISOString().slice(0, 19).replace('T', ' ')}Z`;
  return {
    error: e.error,
    error_description: `${e.message}\r\nTrace ID: ${randomUUID()}\r\nCorrelation ID: ${randomUUID()}\r\nTimestamp: ${timestamp}`,
    state,
  };
}
