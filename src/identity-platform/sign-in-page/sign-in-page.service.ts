import { Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { randomBytes } from 'node:crypto';
import { UsersService } from '../../users/users.service.js';
import { DeviceCodesService } from '../device-codes/device-codes.service.js';
import { AuthorizationCodesService, sha256Hex } from '../authorization-codes/authorization-codes.service.js';
import type { AuthorizeRequest } from '../authorize/authorize-request.js';
import { deliver } from '../authorize/authorize-response.js';
import { readCookie, setCookie, SIGN_IN_COOKIE } from './cookies.js';
import { escapeHtml, sendErrorPage, sendPage } from './html.js';
import { SignInPolicy, type NextStep } from './sign-in-policy.js';
import { SignInTransactionsRepository, type SignInTransactionRow } from './sign-in-transactions.repository.js';

/** A sign-in transaction lives 15 minutes (a device code's lifetime; Entra's flow token is of that order). */
const TRANSACTION_LIFETIME_MS = 15 * 60 * 1000;
const COOKIE_MAX_AGE_SECONDS = 24 * 3600;
const TOKEN = /^[A-Za-z0-9_-]{43}$/;

/** Entra's texts on the page. */
export const PAGE_TEXT = {
  badCredentials: "Your account or password is incorrect. If you don't remember your password, reset it now.",
  noUserName: 'Enter a valid email address, phone number, or Skype name.',
  noPassword: 'Please enter your password.',
};

/** A device authorization to approve (the user typed its user code on the device page). */
export interface DeviceSignInRequest {
  kind: 'device';
  clientId: string;
  deviceCodeHash: string;
  claims?: undefined;
}

/** What a sign-in is for: an authorize request (a code to the redirect URI), or a device code to approve. */
export type SignInRequest = AuthorizeRequest | DeviceSignInRequest;

/** Where the page shows the step: the transaction's id, the tenant segment the form posts to, a message. */
interface StepView {
  tenant: string;
  flowToken: string;
  error?: { aadsts: number; text: string };
  loginHint?: string;
  /** Where the sign-in ends (the redirect URI): the page's CSP `form-action` must allow the post's redirect there. */
  endsAt?: string;
}

/**
 * The server-rendered sign-in page as a small sequence of steps over a server-side transaction:
 * `credentials` (`loginfmt` + `passwd`) → whatever `SignInPolicy` answers (today `done`) → completion (an
 * authorization code to the redirect URI). The transaction id (`flowToken`, hidden field) is 256 random bits, stored
 * only as SHA-256, short-lived and single-use; every post must also carry the browser cookie the transaction was
 * started with (its hash is stored), so that another site cannot post a sign-in into this browser.
 */
@Injectable()
export class SignInPageService {
  constructor(
    private readonly transactions: SignInTransactionsRepository,
    private readonly users: UsersService,
    private readonly policy: SignInPolicy,
    private readonly codes: AuthorizationCodesService,
    private readonly deviceCodes: DeviceCodesService,
  ) {}

  /** Starts a transaction for `signIn` and shows its first step. */
  async begin(tenantId: string, signIn: SignInRequest, request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
    const flowToken = randomBytes(32).toString('base64url');
    let binding = readCookie(request, SIGN_IN_COOKIE);
    if (!binding || !TOKEN.test(binding)) binding = randomBytes(32).toString('base64url');
    await this.transactions.insert(tenantId, sha256Hex(flowToken), sha256Hex(binding), signIn, 'credentials', new Date(Date.now() + TRANSACTION_LIFETIME_MS));
    setCookie(request, reply, SIGN_IN_COOKIE, binding, COOKIE_MAX_AGE_SECONDS);
    const authorize = signIn.kind === 'authorize' ? signIn : undefined;
    return this.renderCredentials(reply, 200, { tenant: tenantId, flowToken, loginHint: authorize?.loginHint, endsAt: authorize?.redirectUri });
  }

  /** `POST /{tenant}/login`: one step of the transaction named by `flowToken`. */
  async post(tenantId: string, form: Map<string, string>, request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
    const flowToken = form.get('flowToken') ?? '';
    const binding = readCookie(request, SIGN_IN_COOKIE);
    if (!TOKEN.test(flowToken)) return sendErrorPage(reply, 400, 90014, "The request body must contain the following parameter: 'flowToken'.");
    const idHash = sha256Hex(flowToken);
    const tx = await this.transactions.find(tenantId, idHash);
    if (!tx || !binding || sha256Hex(binding) !== tx.bindingHash) {
      return sendErrorPage(reply, 400, 90014, 'This sign-in is not bound to this browser (its cookie is missing or different). Start the sign-in again from the application.');
    }
    if (tx.expired || tx.completed) return sendErrorPage(reply, 400, 50089, 'Flow token expired: this sign-in is finished or too old. Start the sign-in again from the application.');
    const signIn = tx.request as unknown as SignInRequest;
    const view: StepView = { tenant: tenantId, flowToken, endsAt: signIn.kind === 'authorize' ? signIn.redirectUri : undefined };
    switch (tx.step) {
      case 'credentials':
        return this.credentials(tenantId, idHash, tx, form, view, reply);
      default:
        return sendErrorPage(reply, 400, 90014, 'This sign-in step is not available.');
    }
  }

  private async credentials(tenantId: string, idHash: string, tx: SignInTransactionRow, form: Map<string, string>, view: StepView, reply: FastifyReply) {
    const loginfmt = (form.get('loginfmt') ?? '').trim();
    const passwd = form.get('passwd') ?? '';
    const again = (aadsts: number, text: string) => this.renderCredentials(reply, 200, { ...view, loginHint: loginfmt, error: { aadsts, text } });
    if (!loginfmt || loginfmt.length > 256) return again(90014, PAGE_TEXT.noUserName);
    if (!passwd) return again(90014, PAGE_TEXT.noPassword);
    const check = await this.users.checkPassword(tenantId, loginfmt, passwd);
    if (!check.valid) return again(50126, PAGE_TEXT.badCredentials);
    if (!check.accountEnabled) return sendErrorPage(reply, 400, 50057, 'The user account is disabled. Your account has been locked. Contact your support person to unlock it, then try again.');
    if (check.forceChangePasswordNextSignIn) {
      // Refused (50055), as the password grant does: the change form is not served (docs/choices.md).
      return sendErrorPage(reply, 400, 50055, 'The password is expired. You need to update your password before signing in: ask an administrator to reset it.');
    }
    const amr = ['pwd'];
    if (!(await this.transactions.advance(tenantId, idHash, 'password-verified', check.userId, amr))) {
      return sendErrorPage(reply, 400, 50089, 'Flow token expired: this sign-in is finished. Start the sign-in again from the application.');
    }
    const request = tx.request as unknown as SignInRequest;
    const next = await this.policy.afterPassword({ tenantId, clientId: request.clientId, userId: check.userId, amr, claims: request.claims });
    return this.proceed(tenantId, idHash, request, check.userId, amr, next, reply);
  }

  /** Acts on the policy's answer: finish, refuse, or (later) render the next step. */
  private async proceed(tenantId: string, idHash: string, request: SignInRequest, userId: string, amr: string[], next: NextStep, reply: FastifyReply) {
    if (next.step === 'refuse') return sendErrorPage(reply, 400, next.aadsts, next.text);
    if (!(await this.transactions.complete(tenantId, idHash))) {
      return sendErrorPage(reply, 400, 50089, 'Flow token expired: this sign-in is finished. Start the sign-in again from the application.');
    }
    if (request.kind === 'device') {
      if (!(await this.deviceCodes.approve(tenantId, request.deviceCodeHash, userId, amr))) {
        return sendErrorPage(reply, 400, 70019, 'Verification code expired. Start again on your device.');
      }
      return sendPage(reply, 200, 'Signed in', '<h1 id="deviceSignedIn">You have signed in on your device</h1><p>You may now close this window.</p>');
    }
    const code = await this.codes.issue(tenantId, {
      appId: request.clientId,
      redirectUri: request.redirectUri,
      platform: request.platform,
      codeChallenge: request.codeChallenge ?? null,
      scope: request.scope,
      nonce: request.nonce ?? null,
      claims: request.claims ?? null,
      userId,
      amr,
      authTime: new Date(),
    });
    return deliver(reply, request.redirectUri, request.responseMode, { code, state: request.state });
  }

  private renderCredentials(reply: FastifyReply, status: number, view: StepView) {
    const error = view.error
      ? `<div class="error" id="passwordError" role="alert" data-aadsts="${view.error.aadsts}">${escapeHtml(view.error.text)}</div>`
      : '';
    return sendPage(
      reply,
      status,
      'Sign in to your account',
      `<h1 id="loginHeader">Sign in</h1>${error}
<form method="post" action="/${escapeHtml(view.tenant)}/login" name="f1" id="i0281">
<input type="hidden" name="flowToken" value="${escapeHtml(view.flowToken)}">
<label class="field" for="i0116">Email, phone, or Skype</label>
<input type="email" name="loginfmt" id="i0116" autocomplete="username" maxlength="256" value="${escapeHtml(view.loginHint ?? '')}">
<label class="field" for="i0118">Password</label>
<input type="password" name="passwd" id="i0118" autocomplete="current-password">
<input type="submit" id="idSIButton9" value="Sign in">
</form>`,
      { formAction: view.endsAt },
    );
  }
}
