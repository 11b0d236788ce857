import { randomBytes } from 'node:crypto';
import type { FastifyReply } from 'fastify';
import { noStore } from '../http/no-store.js';

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Every value rendered into a page goes through this (text and attribute values alike). */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ENTITIES[c]);
}

/** A whole page: no script unless `script` is given (then allowed by a per-response nonce only). */
export function sendPage(
  reply: FastifyReply,
  status: number,
  title: string,
  body: string,
  options: { formAction?: string; script?: string } = {},
): FastifyReply {
  const nonce = randomBytes(16).toString('base64');
  const formAction = ["'self'", ...(options.formAction ? [cspSource(options.formAction)] : [])].join(' ');
  const csp = [
    `default-src 'none'`,
    `style-src 'unsafe-inline'`,
    `form-action ${formAction}`,
    `frame-ancestors 'none'`,
    `base-uri 'none'`,
    options.script ? `script-src 'nonce-${nonce}'` : `script-src 'none'`,
  ].join('; ');
  const html = `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title>
<style>body{font-family:"Segoe UI",sans-serif;background:#f2f2f2;margin:0}main{max-width:440px;margin:48px auto;background:#fff;padding:44px;box-shadow:0 2px 6px rgba(0,0,0,.2)}
input[type=text],input[type=email],input[type=password]{width:100%;box-sizing:border-box;padding:6px 0;border:0;border-bottom:1px solid #666;margin:8px 0 16px;font-size:15px}
input[type=submit]{background:#0067b8;color:#fff;border:0;padding:8px 32px;font-size:15px;float:right}.error{color:#e81123}.field{display:block}</style></head>
<body><main>${body}</main>${options.script ? `<script nonce="${nonce}">${options.script}</script>` : ''}</body></html>`;
  return noStore(reply)
    .status(status)
    .header('content-type', 'text/html; charset=utf-8')
    .header('x-frame-options', 'DENY')
    .header('x-content-type-options', 'nosniff')
    .header('referrer-policy', 'no-referrer')
    .header('content-security-policy', csp)
    .send(html);
}

/** The scheme and host of a URL for a CSP source list (custom schemes as `scheme:`). */
function cspSource(url: string): string {
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.origin : u.protocol;
  } catch {
    return "'none'";
  }
}

/** Entra's error page: the AADSTS number and text, nothing sent anywhere; `heading` replaces the generic one (53003's). */
export function sendErrorPage(reply: FastifyReply, status: number, aadsts: number, text: string, heading?: string): FastifyReply {
  return sendPage(
    reply,
    status,
    'Sign in to your account',
    `<h1 id="errorTitle">${escapeHtml(heading ?? "Sorry, but we're having trouble signing you in.")}</h1><p id="errorCode">AADSTS${aadsts}: ${escapeHtml(text)}</p>`,
  );
}
