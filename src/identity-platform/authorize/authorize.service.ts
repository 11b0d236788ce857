import { Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApplicationRepository } from '../../directory/applications/application.repository.js';
import { ServicePrincipalsService } from '../../directory/service-principals/service-principals.service.js';
import { SignInPageService } from '../sign-in-page/sign-in-page.service.js';
import { sendErrorPage } from '../sign-in-page/html.js';
import { AuthorizeErrors, AuthorizePageError, AuthorizeRedirectError } from './authorize-errors.js';
import { AuthorizeParams, registeredPlatform, validateAfterRedirect, type ResponseMode } from './authorize-request.js';
import { deliver, redirectErrorValues } from './authorize-response.js';
import { HomeTenantLookup, MULTI_TENANT_SEGMENTS } from './tenant-routing.js';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * `GET|POST /{tenant}/oauth2/v2.0/authorize`: the client and its redirect URI first (a refusal there is a page,
 * never a redirect), then the rest (refusals go back to the redirect URI), then the sign-in page.
 */
@Injectable()
export class AuthorizeService {
  constructor(
    private readonly applications: ApplicationRepository,
    private readonly principals: ServicePrincipalsService,
    private readonly signInPage: SignInPageService,
    private readonly homeTenants: HomeTenantLookup,
  ) {}

  async authorize(tenant: string, pairs: Iterable<[string, string]>, request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
    let params: AuthorizeParams;
    let tenantId: string;
    let clientId: string;
    let redirectUri: string;
    let platform: ReturnType<typeof registeredPlatform>;
    try {
      const multiTenant = MULTI_TENANT_SEGMENTS.includes(tenant.toLowerCase());
      if (!GUID.test(tenant) && !multiTenant) throw AuthorizeErrors.tenantNotFound(tenant.slice(0, 64));
      params = AuthorizeParams.from(pairs);
      const id = params.get('client_id');
      if (!id) throw AuthorizeErrors.missingParameter('client_id');
      if (multiTenant) {
        // `common`/`organizations`: the sign-in happens in the tenant that registers the client (applications are
        // per tenant here, and the token endpoint authenticates a client in its own tenant); one such tenant only.
        const homes = GUID.test(id) ? await this.homeTenants.tenantsOfClient(id.toLowerCase()) : [];
        if (homes.length === 0) throw AuthorizeErrors.unknownClient(id.slice(0, 64), tenant.toLowerCase());
        if (homes.length > 1) throw AuthorizeErrors.ambiguousClient(id.slice(0, 64));
        tenantId = homes[0];
      } else {
        tenantId = tenant.toLowerCase();
      }
      const app = GUID.test(id) ? await this.applications.findByAppId(tenantId, id.toLowerCase()) : null;
      const principal = app ? await this.principals.findByAppId(tenantId, app.appId) : null;
      if (!app || !principal) throw AuthorizeErrors.unknownClient(id.slice(0, 64), tenantId);
      if (!principal.accountEnabled) throw AuthorizeErrors.clientDisabled(app.appId);
      clientId = app.appId;
      const uri = params.get('redirect_uri');
      if (!uri) throw AuthorizeErrors.missingParameter('redirect_uri');
      platform = registeredPlatform(app, uri);
      if (!platform) throw AuthorizeErrors.redirectUriMismatch(uri.slice(0, 512), app.appId);
      redirectUri = uri;
    } catch (e) {
      if (e instanceof AuthorizePageError) return sendErrorPage(reply, e.status, e.aadsts, e.text);
      throw e;
    }
    try {
      const signIn = validateAfterRedirect(params, tenantId, clientId, redirectUri, platform);
      return await this.signInPage.begin(tenantId, signIn, request, reply);
    } catch (e) {
      if (!(e instanceof AuthorizeRedirectError)) throw e;
      const asked = params.get('response_mode');
      const mode: ResponseMode = asked === 'fragment' || asked === 'form_post' ? asked : 'query';
      return deliver(reply, redirectUri, mode, redirectErrorValues(e, params.get('state')));
    }
  }
}
