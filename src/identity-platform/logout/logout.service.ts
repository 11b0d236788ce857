import { Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { decodeJwt } from 'jose';
import { ApplicationRepository } from '../../directory/applications/application.repository.js';
import { registeredPlatform } from '../authorize/authorize-request.js';
import { clearCookie, SIGN_IN_COOKIE } from '../sign-in-page/cookies.js';
import { sendErrorPage, sendPage } from '../sign-in-page/html.js';
import { SsoSessions } from '../sso-sessions/sso-sessions.service.js';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * `GET /{tenant}/oauth2/v2.0/logout`: ends the browser's single sign-on session of the tenant (row deleted, cookie
 * cleared), clears the sign-in cookie, then redirects to `post_logout_redirect_uri` only
 * when it is registered for the client (named by `client_id`, else by `id_token_hint`'s `aud`: the hint is only read
 * to choose the app whose registration is checked, so it is not verified), else shows "You signed out".
 */
@Injectable()
export class LogoutService {
  constructor(
    private readonly applications: ApplicationRepository,
    private readonly sso: SsoSessions,
  ) {}

  async logout(tenant: string, query: URLSearchParams, request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
    if (!GUID.test(tenant)) return sendErrorPage(reply, 400, 90002, `Tenant '${tenant.slice(0, 64)}' not found.`);
    const tenantId = tenant.toLowerCase();
    await this.sso.end(tenantId, request, reply);
    clearCookie(request, reply, SIGN_IN_COOKIE);
    const target = query.get('post_logout_redirect_uri');
    const clientId = query.get('client_id') || audienceOf(query.get('id_token_hint'));
    if (target && clientId && GUID.test(clientId)) {
      const app = await this.applications.findByAppId(tenantId, clientId.toLowerCase());
      const logoutUrl = app?.web?.logoutUrl;
      if (app && (registeredPlatform(app, target) || logoutUrl === target)) {
        const url = new URL(target);
        const state = query.get('state');
        if (state) url.searchParams.append('state', state);
        return reply.status(302).header('location', url.toString()).header('cache-control', 'no-store, no-cache').send();
      }
    }
    return sendPage(reply, 200, 'Sign out', '<h1 id="signedOut">You signed out of your account</h1><p>It\'s a good idea to close all browser windows.</p>');
  }
}

/** The `aud` of an id_token (unverified: it only names which app's registration to check). */
function audienceOf(idToken: string | null): string | undefined {
  if (!idToken) return undefined;
  try {
    const aud = decodeJwt(idToken).aud;
    return typeof aud === 'string' ? aud : undefined;
  } catch {
    return undefined;
  }
}
