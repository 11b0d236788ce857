import { Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { escapeHtml, sendErrorPage, sendPage } from '../sign-in-page/html.js';
import { SignInPageService } from '../sign-in-page/sign-in-page.service.js';
import { DeviceCodesService } from './device-codes.service.js';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The device page: the code (`otc`), then the same sign-in steps as the authorize flow, ending in an approval. */
@Injectable()
export class DevicePageService {
  constructor(
    private readonly deviceCodes: DeviceCodesService,
    private readonly signInPage: SignInPageService,
  ) {}

  show(tenant: string, reply: FastifyReply, error?: string): FastifyReply {
    if (!GUID.test(tenant)) return sendErrorPage(reply, 400, 90002, `Tenant '${tenant.slice(0, 64)}' not found.`);
    const t = tenant.toLowerCase();
    const message = error ? `<div class="error" id="otcError" role="alert" data-aadsts="70018">${escapeHtml(error)}</div>` : '';
    return sendPage(
      reply,
      200,
      'Enter code',
      `<h1 id="enterCode">Enter code</h1><p>Enter the code displayed on your app or device.</p>${message}
<form method="post" action="/${escapeHtml(t)}/oauth2/deviceauth">
<input type="text" name="otc" id="otc" autocomplete="off" maxlength="32" aria-label="Code">
<input type="submit" id="idSIButton9" value="Next">
</form>`,
    );
  }

  async submit(tenant: string, pairs: [string, string][], request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
    if (!GUID.test(tenant)) return sendErrorPage(reply, 400, 90002, `Tenant '${tenant.slice(0, 64)}' not found.`);
    const tenantId = tenant.toLowerCase();
    const typed = pairs.find(([k]) => k === 'otc')?.[1] ?? '';
    const pending = typed.length <= 32 ? await this.deviceCodes.pendingByUserCode(tenantId, typed) : null;
    if (!pending) return this.show(tenantId, reply, "That code didn't work. Check the code and try again.");
    return this.signInPage.begin(tenantId, { kind: 'device', clientId: pending.appId, deviceCodeHash: pending.deviceCodeHash }, request, reply);
  }
}
