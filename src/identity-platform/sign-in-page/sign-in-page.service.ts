import { Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { randomBytes } from 'node:crypto';
import { GRAPH_APP_ID } from '../../auth/catalogue/graph-service-principal.js';
import type { UserEntity } from '../../users/user.entity.js';
import { UsersService } from '../../users/users.service.js';
import { DeviceCodesService } from '../device-codes/device-codes.service.js';
import { AuthorizationCodesService, sha256Hex } from '../authorization-codes/authorization-codes.service.js';
import { AuthorizeErrors } from '../authorize/authorize-errors.js';
import type { AuthorizeRequest } from '../authorize/authorize-request.js';
import { deliver } from '../authorize/authorize-response.js';
import { readCookie, setCookie, SIGN_IN_COOKIE } from './cookies.js';
import { escapeHtml, sendErrorPage, sendPage } from './html.js';
import { SignInLog } from '../../audit-logs/sign-in-log.js';
import { amrFor, type SignInEvaluation } from '../../conditional-access/evaluation/sign-in-evaluation.js';
import { ServicePrincipalsService } from '../../directory/service-principals/service-principals.service.js';
import { UsersRepository } from '../../users/users.repository.js';
import { StsError, StsErrors } from '../errors/sts-error.js';
import { Lockout, passwordFingerprint } from '../lockout/lockout.service.js';
import { SecondFactor, type SecondFactorMethod, type SecondFactorResult } from '../second-factor/second-factor.service.js';
import { signInContextOf, type SignInContext as RequestFacts } from '../token/sign-in-context.js';
import { SignInPolicy, type NextStep } from './sign-in-policy.js';
import { SignInTransactionsRepository, type SignInTransactionRow } from './sign-in-transactions.repository.js';
import { SsoSessions, type SsoSession } from '../sso-sessions/sso-sessions.service.js';

/** A sign-in transaction lives 15 minutes (a device code's lifetime; Entra's flow token is of that order). */
const TRANSACTION_LIFETIME_MS = 15 * 60 * 1000;
const COOKIE_MAX_AGE_SECONDS = 24 * 3600;
const TOKEN = /^[A-Za-z0-9_-]{43}$/;
/** Wrong second-factor codes one sign-in allows: the third ends it (the password must be given again, under smart lockout). */
export const SECOND_FACTOR_ATTEMPTS = 3;

/** Entra's texts on the page. */
export const PAGE_TEXT = {
  badCredentials: "Your account or password is incorrect. If you don't remember your password, reset it now.",
  noUserName: 'Enter a valid email address, phone number, or Skype name.',
  noPassword: 'Please enter your password.',
  locked: 'Your account is temporarily locked to prevent unauthorized use. Try again later, and if you still have trouble, contact your admin.',
  wrongCode: "You didn't enter the expected verification code. Please try again.",
  noCode: 'Please enter the code.',
  chooseMethod: 'Choose a way to verify your identity.',
  blockedTitle: 'You cannot access this right now. Your sign-in was successful but does not meet the criteria to access this resource.',
  tooManyCodes: 'Authentication failed during strong authentication request: too many wrong codes. Start the sign-in again from the application.',
  flowExpired: 'Flow token expired: this sign-in is finished. Start the sign-in again from the application.',
};

/** Who is signing in where, for the sign-in log. */
interface PageContext extends RequestFacts {
  tenantId: string;
  clientId: string;
  device: boolean;
  user?: { id: string; userPrincipalName: string; displayName?: string | null } | null;
  /** The name typed when it matched no user. */
  typed?: string;
  /** The browser's request (the session cookie is set on the reply to it). */
  http: FastifyRequest;
  /** The single sign-on session this sign-in resumed (no password asked): no new session is started at its end. */
  session?: SsoSession;
}

/** The context of a step after the password: the transaction's user, as found again on this post. */
interface SignedInContext extends PageContext {
  user: NonNullable<PageContext['user']>;
}

/** The sign-in log's name of a method (`authenticationMethod`, beta `authenticationMethodsUsed`). */
function methodName(mode: string): string {
  if (mode === 'password') return 'Password';
  if (mode === 'sms') return 'Text message';
  if (mode === 'email') return 'Email';
  if (mode.startsWith('temporaryAccessPass')) return 'Temporary Access Pass';
  return mode;
}

/** Whether a `login_hint` names `user` (its userPrincipalName, case-insensitive, or its object id). */
function names(hint: string, user: UserEntity): boolean {
  const h = hint.trim().toLowerCase();
  return h === user.userPrincipalName.toLowerCase() || h === user.id.toLowerCase();
}

function describe(m: SecondFactorMethod): string {
  if (m.kind === 'temporaryAccessPass') return 'Use a Temporary Access Pass';
  if (m.kind === 'sms') return `Text ${m.display ?? ''}`;
  return `Email ${m.display ?? ''}`;
}

function errorBlock(error: { aadsts: number; text: string } | undefined, id = 'stepError'): string {
  return error ? `<div class="error" id="${id}" role="alert" data-aadsts="${error.aadsts}">${escapeHtml(error.text)}</div>` : '';
}

/** A device authorization to approve (the user typed its user code on the device page). */
export interface DeviceSignInRequest {
  kind: 'device';
  clientId: string;
  deviceCodeHash: string;
  claims?: undefined;
}

/** What a sign-in is for: an authorize request (a code to the redirect URI), or a device code to approve. */
export type SignInRequest = AuthorizeRequest | DeviceSignInRequest;

/** The request a transaction was started for (`begin` stores it whole). */
function requestOf(tx: SignInTransactionRow): SignInRequest {
  return tx.request as unknown as SignInRequest;
}

/** Where the page shows the step: the transaction's id, the tenant segment the form posts to, a message. */
interface StepView {
  tenant: string;
  flowToken: string;
  error?: { aadsts: number; text: string };
  loginHint?: string;
  /** Where the sign-in ends (the redirect URI): the page's CSP `form-action` must allow the post's redirect there. */
  endsAt?: string;
}

/** One post to a transaction's step: the transaction as found, what was posted, where the page goes. */
interface StepPost {
  tenantId: string;
  idHash: string;
  tx: SignInTransactionRow;
  form: Map<string, string>;
  view: StepView;
  reply: FastifyReply;
}

/**
 * The server-rendered sign-in page as a small sequence of steps over a server-side transaction:
 * `credentials` (`loginfmt` + `passwd`, or a Temporary Access Pass in `passwd`) → whatever `SignInPolicy` answers
 * (Conditional Access: done, a refusal page, or a second factor: `choose` among methods, then `otc`) → completion (an
 * authorization code to the redirect URI, or the device code approved). The transaction id (`flowToken`, hidden
 * field) is 256 random bits, stored only as SHA-256, short-lived and single-use; every post must also carry the
 * browser cookie the transaction was started with (its hash is stored), so that another site cannot post a sign-in
 * into this browser. Every outcome is a sign-in log row.
 */
@Injectable()
export class SignInPageService {
  constructor(
    private readonly transactions: SignInTransactionsRepository,
    private readonly users: UsersService,
    private readonly policy: SignInPolicy,
    private readonly codes: AuthorizationCodesService,
    private readonly deviceCodes: DeviceCodesService,
    private readonly userRows: UsersRepository,
    private readonly lockout: Lockout,
    private readonly secondFactor: SecondFactor,
    private readonly signIns: SignInLog,
    private readonly principals: ServicePrincipalsService,
    private readonly sso: SsoSessions,
  ) {}

  /**
   * Starts a transaction for `signIn` and shows its first step. An authorize request without `prompt` or with
   * `prompt=none` resumes the browser's single sign-on session of the tenant when there is one (and `login_hint`, if
   * sent, names its user): no password; Conditional Access is asked with the session's methods. `prompt=none` without
   * such a session is `login_required`; `prompt=login`, `select_account` and `consent` always show the page.
   */
  async begin(tenantId: string, signIn: SignInRequest, request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
    const authorize = signIn.kind === 'authorize' ? signIn : undefined;
    const mayResume = authorize !== undefined && (authorize.prompt === undefined || authorize.prompt === 'none');
    const found = mayResume ? await this.sso.current(tenantId, request) : null;
    const session = found && (!authorize?.loginHint || names(authorize.loginHint, found.user)) ? found : null;
    if (authorize?.prompt === 'none' && !session) throw AuthorizeErrors.loginRequired();
    const flowToken = randomBytes(32).toString('base64url');
    let binding = readCookie(request, SIGN_IN_COOKIE);
    if (!binding || !TOKEN.test(binding)) binding = randomBytes(32).toString('base64url');
    // A device code is first confirmed ("Are you trying to sign in to <app>?"), then the credentials are asked.
    const first = signIn.kind === 'device' ? 'confirm' : 'credentials';
    await this.transactions.insert(tenantId, sha256Hex(flowToken), sha256Hex(binding), signIn, first, new Date(Date.now() + TRANSACTION_LIFETIME_MS));
    setCookie(request, reply, SIGN_IN_COOKIE, binding, COOKIE_MAX_AGE_SECONDS);
    const view: StepView = { tenant: tenantId, flowToken, loginHint: authorize?.loginHint, endsAt: authorize?.redirectUri };
    if (signIn.kind === 'device') return this.renderConfirm(reply, view, await this.appName(tenantId, signIn.clientId));
    if (authorize && session) return this.resume(tenantId, sha256Hex(flowToken), authorize, session, view, request, reply);
    return this.renderCredentials(reply, 200, view);
  }

  /**
   * The sign-in of a single sign-on session: the transaction starts where the password would have left it, with the
   * session's methods; then as after a password (done: the code; more: the second factor on the page), except that
   * `prompt=none` cannot show a page: `interaction_required` (Entra's 50076 for more authentication, the refusal's
   * own number otherwise), logged as the interrupted sign-in it is.
   */
  private async resume(
    tenantId: string,
    idHash: string,
    authorize: AuthorizeRequest,
    session: SsoSession,
    view: StepView,
    request: FastifyRequest,
    reply: FastifyReply,
  ): Promise<FastifyReply> {
    const { user, methods } = session;
    if (!(await this.transactions.advance(tenantId, idHash, 'password-verified', user.id, amrFor(methods), methods))) {
      return sendErrorPage(reply, 400, 50089, PAGE_TEXT.flowExpired);
    }
    const ctx: PageContext = { ...signInContextOf(request), tenantId, clientId: authorize.clientId, device: false, user, session, http: request };
    const { next } = await this.ask(authorize, user.id, methods, ctx);
    if (authorize.prompt === 'none' && next.step !== 'done') {
      await this.transactions.complete(tenantId, idHash);
      const refusal =
        next.step === 'refuse' ? { aadsts: next.aadsts, text: next.text } : StsErrors.mfaRequired(GRAPH_APP_ID, next.evaluation.interruptingPolicyIds);
      await this.log(ctx, methods, refusal.aadsts, refusal.text, next.evaluation);
      throw AuthorizeErrors.interactionRequired(refusal.aadsts, refusal.text);
    }
    return this.proceed(tenantId, idHash, authorize, user.id, methods, next, view, ctx, reply);
  }

  /** `POST /{tenant}/login`: one step of the transaction named by `flowToken`. */
  async post(tenantId: string, form: Map<string, string>, request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
    const flowToken = form.get('flowToken') ?? '';
    const binding = readCookie(request, SIGN_IN_COOKIE);
    if (!TOKEN.test(flowToken)) return sendErrorPage(reply, 400, 90014, "The request body must contain the following parameter: 'flowToken'.");
    const idHash = sha256Hex(flowToken);
    const tx = await this.transactions.find(tenantId, idHash);
    if (!tx || !binding || sha256Hex(binding) !== tx.bindingHash) {
      return sendErrorPage(
        reply,
        400,
        90014,
        'This sign-in is not bound to this browser (its cookie is missing or different). Start the sign-in again from the application.',
      );
    }
    if (tx.expired || tx.completed)
      return sendErrorPage(reply, 400, 50089, 'Flow token expired: this sign-in is finished or too old. Start the sign-in again from the application.');
    const signIn = requestOf(tx);
    const view: StepView = { tenant: tenantId, flowToken, endsAt: signIn.kind === 'authorize' ? signIn.redirectUri : undefined };
    const context = signInContextOf(request);
    const ctx: PageContext = { ...context, tenantId, clientId: signIn.clientId, device: signIn.kind === 'device', http: request };
    const posted: StepPost = { tenantId, idHash, tx, form, view, reply };
    if (tx.step === 'confirm' && signIn.kind === 'device') return this.confirm(posted, signIn);
    if (tx.step === 'credentials') return this.credentials(posted, ctx);
    if (!tx.userId) return sendErrorPage(reply, 400, 90014, 'This sign-in step is not available.');
    const user = await this.userRows.findByKey(tenantId, tx.userId);
    if (!user || user.accountEnabled === false)
      return sendErrorPage(reply, 400, 50057, 'The user account is disabled or deleted. Start the sign-in again from the application.');
    const signedIn: SignedInContext = { ...ctx, user };
    if (tx.step === 'choose') return this.choose(posted, signedIn);
    if (tx.step.startsWith('otc:')) return this.code(posted, signedIn);
    return sendErrorPage(reply, 400, 90014, 'This sign-in step is not available.');
  }

  /**
   * The device page's confirmation: `action=continue` (`#idSIButton9`) goes on to the credentials; `action=cancel`
   * (`#idBtn_Back`) ends the transaction and declines the device code (one conditional UPDATE each: a replayed Cancel
   * finds the transaction finished, a code approved meanwhile is not declined). Anything else shows the question again.
   * No sign-in log row: nobody has signed in yet (docs/choices.md).
   */
  private async confirm(posted: StepPost, signIn: DeviceSignInRequest) {
    const { tenantId, idHash, form, view, reply } = posted;
    const action = form.get('action');
    if (action === 'continue') {
      if (!(await this.transactions.setStep(tenantId, idHash, 'credentials'))) return sendErrorPage(reply, 400, 50089, PAGE_TEXT.flowExpired);
      return this.renderCredentials(reply, 200, view);
    }
    const appName = await this.appName(tenantId, signIn.clientId);
    if (action !== 'cancel') return this.renderConfirm(reply, view, appName);
    if (!(await this.transactions.complete(tenantId, idHash))) return sendErrorPage(reply, 400, 50089, PAGE_TEXT.flowExpired);
    if (!(await this.deviceCodes.decline(tenantId, signIn.deviceCodeHash))) {
      return sendErrorPage(reply, 400, 70019, 'Verification code expired: this code was already used, declined, or is too old. Start again on your device.');
    }
    return sendPage(
      reply,
      200,
      'Sign-in canceled',
      `<h1 id="deviceCanceled">Sign-in canceled</h1><p>You have declined to sign in to <span id="appName">${escapeHtml(appName)}</span> on the other device. You may now close this window.</p>`,
    );
  }

  /** The name the device page shows for the client: its service principal's display name, else its appId. */
  private async appName(tenantId: string, appId: string): Promise<string> {
    return (await this.principals.findByAppId(tenantId, appId))?.displayName ?? appId;
  }

  private async credentials(posted: StepPost, ctx: PageContext) {
    const { tenantId, idHash, tx, form, view, reply } = posted;
    const loginfmt = (form.get('loginfmt') ?? '').trim();
    const passwd = form.get('passwd') ?? '';
    const again = (aadsts: number, text: string) => this.renderCredentials(reply, 200, { ...view, loginHint: loginfmt, error: { aadsts, text } });
    if (!loginfmt || loginfmt.length > 256) return again(90014, PAGE_TEXT.noUserName);
    if (!passwd) return again(90014, PAGE_TEXT.noPassword);
    const named = await this.userRows.findByKey(tenantId, loginfmt);
    const logAs = named ? { ...ctx, user: named } : { ...ctx, typed: loginfmt };
    if (named && (await this.lockout.lockedUntil(tenantId, named.id))) {
      await this.log(logAs, [], 50053, StsErrors.accountLocked().text);
      return again(50053, PAGE_TEXT.locked);
    }
    const check = await this.users.checkPassword(tenantId, loginfmt, passwd);
    if (!check.valid) {
      // A Temporary Access Pass typed instead of the password is a first factor on its own (Entra, when the TAP policy allows it).
      const tap = named && named.accountEnabled !== false ? await this.temporaryAccessPassInstead(tenantId, named.id, passwd) : null;
      if (named && tap) {
        await this.lockout.recordSuccess(tenantId, named.id);
        const methods = tap.combinations.flatMap((c) => c.split(','));
        if (!(await this.transactions.advance(tenantId, idHash, 'password-verified', named.id, amrFor(methods), methods))) {
          return sendErrorPage(reply, 400, 50089, PAGE_TEXT.flowExpired);
        }
        const { request, next } = await this.ask(tx, named.id, methods, ctx);
        return this.proceed(tenantId, idHash, request, named.id, methods, next, view, { ...ctx, user: named }, reply);
      }
      if (named) await this.lockout.recordFailure(tenantId, named.id, passwordFingerprint(tenantId, named.id, passwd));
      await this.log(logAs, [], 50126, StsErrors.badUserCredentials().text);
      return again(50126, PAGE_TEXT.badCredentials);
    }
    await this.lockout.recordSuccess(tenantId, check.userId);
    const user = named?.id === check.userId ? named : await this.userRows.findByKey(tenantId, check.userId);
    const signedIn: PageContext = { ...ctx, user };
    if (!check.accountEnabled) {
      await this.log(signedIn, ['password'], 50057, StsErrors.userDisabled().text);
      return sendErrorPage(
        reply,
        400,
        50057,
        'The user account is disabled. Your account has been locked. Contact your support person to unlock it, then try again.',
      );
    }
    if (check.forceChangePasswordNextSignIn) {
      // Refused (50055), as the password grant does: the change form is not served (docs/choices.md).
      await this.log(signedIn, ['password'], 50055, StsErrors.passwordExpired().text);
      return sendErrorPage(reply, 400, 50055, 'The password is expired. You need to update your password before signing in: ask an administrator to reset it.');
    }
    const methods = ['password'];
    if (!(await this.transactions.advance(tenantId, idHash, 'password-verified', check.userId, amrFor(methods), methods))) {
      return sendErrorPage(reply, 400, 50089, 'Flow token expired: this sign-in is finished. Start the sign-in again from the application.');
    }
    const { request, next } = await this.ask(tx, check.userId, methods, ctx);
    return this.proceed(tenantId, idHash, request, check.userId, methods, next, view, signedIn, reply);
  }

  /** The user's usable TAP when `text` is it (consumed if one-time), else null. */
  private async temporaryAccessPassInstead(tenantId: string, userId: string, text: string): Promise<SecondFactorResult | null> {
    if (!(await this.secondFactor.methodsFor(tenantId, userId)).some((m) => m.kind === 'temporaryAccessPass')) return null;
    try {
      return await this.secondFactor.verify(tenantId, userId, 'tap', text);
    } catch (e) {
      if (e instanceof StsError) return null;
      throw e;
    }
  }

  /** The chooser's post: `method` (one of the methods offered). */
  private async choose(posted: StepPost, ctx: SignedInContext) {
    const { tenantId, idHash, tx, form, view, reply } = posted;
    const userId = ctx.user.id;
    const { request, next } = await this.ask(tx, userId, tx.methods, ctx);
    if (next.step !== 'secondFactor') return this.proceed(tenantId, idHash, request, userId, tx.methods, next, view, ctx, reply);
    const chosen = next.methods.find((m) => m.id === (form.get('method') ?? '').toLowerCase());
    if (!chosen) return this.renderChooser(reply, view, next.methods, { aadsts: 90014, text: PAGE_TEXT.chooseMethod });
    return this.startCode(tenantId, idHash, userId, chosen, view, reply);
  }

  /** The code's post: `otc` (Entra's field name) for the method the step names. */
  private async code(posted: StepPost, ctx: SignedInContext) {
    const { tenantId, idHash, tx, form, view, reply } = posted;
    const userId = ctx.user.id;
    const methodId = tx.step.slice('otc:'.length);
    const method = (await this.secondFactor.methodsFor(tenantId, userId)).find((m) => m.id === methodId);
    const otc = (form.get('otc') ?? '').trim();
    if (!method) return sendErrorPage(reply, 400, 500121, StsErrors.strongAuthenticationFailed().text);
    let result: SecondFactorResult;
    try {
      if (!otc) throw StsErrors.strongAuthenticationFailed();
      result = await this.secondFactor.verify(tenantId, userId, method.id, otc);
    } catch (e) {
      if (!(e instanceof StsError)) throw e;
      await this.log(ctx, tx.methods, e.aadsts, e.text, undefined, method);
      const failures = await this.transactions.recordSecondFactorFailure(tenantId, idHash, SECOND_FACTOR_ATTEMPTS);
      if (failures === 0 || failures >= SECOND_FACTOR_ATTEMPTS) return sendErrorPage(reply, 400, 500121, PAGE_TEXT.tooManyCodes);
      return this.renderCode(reply, view, method, { aadsts: e.aadsts, text: otc ? PAGE_TEXT.wrongCode : PAGE_TEXT.noCode });
    }
    const methods = [...new Set([...tx.methods, ...result.combinations.flatMap((c) => c.split(','))])];
    if (!(await this.transactions.advance(tenantId, idHash, 'second-factor-verified', userId, amrFor(methods), methods))) {
      return sendErrorPage(reply, 400, 50089, 'Flow token expired: this sign-in is finished. Start the sign-in again from the application.');
    }
    const { request, next } = await this.ask(tx, userId, methods, ctx);
    return this.proceed(tenantId, idHash, request, userId, methods, next, view, ctx, reply);
  }

  /** The transaction's request as stored, and what the sign-in policy asks next of `userId` after `methods`. */
  private async ask(
    from: SignInTransactionRow | SignInRequest,
    userId: string,
    methods: readonly string[],
    ctx: PageContext,
  ): Promise<{ request: SignInRequest; next: NextStep }> {
    const request = 'kind' in from ? from : requestOf(from);
    const next = await this.policy.next({
      tenantId: ctx.tenantId,
      clientId: request.clientId,
      userId,
      methods,
      claims: request.claims,
      ipAddress: ctx.ipAddress ?? undefined,
      userAgent: ctx.userAgent ?? undefined,
      device: request.kind === 'device',
    });
    return { request, next };
  }

  /** Acts on the policy's answer: finish, refuse, or show the second-factor step (straight to one method, or a chooser). */
  private async proceed(
    tenantId: string,
    idHash: string,
    request: SignInRequest,
    userId: string,
    methods: string[],
    next: NextStep,
    view: StepView,
    ctx: PageContext,
    reply: FastifyReply,
  ) {
    if (next.step === 'refuse') {
      await this.log(ctx, methods, next.aadsts, next.text, next.evaluation);
      return sendErrorPage(reply, 400, next.aadsts, next.text, next.aadsts === 53003 ? PAGE_TEXT.blockedTitle : undefined);
    }
    if (next.step === 'secondFactor') {
      if (next.methods.length === 1) return this.startCode(tenantId, idHash, userId, next.methods[0], view, reply);
      if (!(await this.transactions.setStep(tenantId, idHash, 'choose'))) return sendErrorPage(reply, 400, 50089, PAGE_TEXT.flowExpired);
      return this.renderChooser(reply, view, next.methods);
    }
    if (!(await this.transactions.complete(tenantId, idHash))) return sendErrorPage(reply, 400, 50089, PAGE_TEXT.flowExpired);
    const amr = amrFor(methods);
    if (request.kind === 'device') {
      if (!(await this.deviceCodes.approve(tenantId, request.deviceCodeHash, userId, amr, methods))) {
        return sendErrorPage(reply, 400, 70019, 'Verification code expired. Start again on your device.');
      }
      await this.log(ctx, methods, 0, null, next.evaluation);
      return sendPage(reply, 200, 'Signed in', '<h1 id="deviceSignedIn">You have signed in on your device</h1><p>You may now close this window.</p>');
    }
    // An interactive sign-in leaves a single sign-on session (one that resumed a session keeps it).
    const authTime = ctx.session?.authTime ?? new Date();
    if (!ctx.session) await this.sso.start(tenantId, userId, methods, authTime, ctx.http, reply);
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
      methods,
      authTime,
    });
    await this.log(ctx, methods, 0, null, next.evaluation);
    return deliver(reply, request.redirectUri, request.responseMode, { code, state: request.state });
  }

  /** Sends the code (SMS, email) and shows the `otc` step; a TAP is asked for directly. */
  private async startCode(tenantId: string, idHash: string, userId: string, method: SecondFactorMethod, view: StepView, reply: FastifyReply) {
    if (!(await this.transactions.setStep(tenantId, idHash, `otc:${method.id}`))) return sendErrorPage(reply, 400, 50089, PAGE_TEXT.flowExpired);
    if (method.kind !== 'temporaryAccessPass') await this.secondFactor.sendCode(tenantId, userId, method.id);
    return this.renderCode(reply, view, method);
  }

  /** One sign-in log row for a step's outcome on the page (interactive), with the evaluation when there was one. */
  private async log(
    ctx: PageContext,
    methods: readonly string[],
    errorCode: number,
    failureReason: string | null,
    evaluation?: SignInEvaluation,
    failed?: SecondFactorMethod,
  ) {
    const principal = await this.principals.findByAppId(ctx.tenantId, ctx.clientId);
    const when = new Date().toISOString();
    // A single sign-on session's methods were done before: Entra's "Previously satisfied" steps.
    const previously = ctx.session !== undefined;
    const details: Record<string, unknown>[] = methods.map((m, i) => ({
      authenticationStepDateTime: when,
      authenticationMethod: previously ? 'Previously satisfied' : methodName(m),
      authenticationMethodDetail: !previously && m === 'password' ? 'Password in the cloud' : null,
      succeeded: true,
      authenticationStepResultDetail: previously
        ? `${i === 0 ? 'First factor' : 'MFA'} requirement satisfied by claim in the token`
        : m === 'password'
          ? 'Correct password'
          : 'MFA successfully completed',
      authenticationStepRequirement: i === 0 ? 'Primary authentication' : 'Multifactor authentication',
    }));
    if (errorCode !== 0 && (failed || methods.length === 0)) {
      details.push({
        authenticationStepDateTime: when,
        authenticationMethod: failed ? methodName(failed.kind) : 'Password',
        authenticationMethodDetail: failed ? null : 'Password in the cloud',
        succeeded: false,
        authenticationStepResultDetail: failed ? 'Invalid verification code' : errorCode === 50053 ? 'Account is locked' : 'Invalid username or password',
        authenticationStepRequirement: failed ? 'Multifactor authentication' : 'Primary authentication',
      });
    }
    await this.signIns.record({
      tenantId: ctx.tenantId,
      user: ctx.user ? { id: ctx.user.id, userPrincipalName: ctx.user.userPrincipalName, displayName: ctx.user.displayName } : null,
      ...(ctx.typed !== undefined ? { userPrincipalName: ctx.typed } : {}),
      app: { appId: ctx.clientId, displayName: principal?.displayName ?? null, servicePrincipalId: principal?.id ?? null },
      ipAddress: ctx.ipAddress,
      userAgent: ctx.userAgent,
      correlationId: ctx.correlationId,
      clientAppUsed: ctx.device ? 'Mobile Apps and Desktop clients' : 'Browser',
      status: { errorCode, failureReason },
      ...(evaluation
        ? {
            conditionalAccessStatus: evaluation.conditionalAccessStatus,
            appliedConditionalAccessPolicies: evaluation.appliedConditionalAccessPolicies as unknown as Record<string, unknown>[],
          }
        : {}),
      isInteractive: true,
      authenticationRequirement: new Set(methods.map(methodName)).size > 1 ? 'multiFactorAuthentication' : 'singleFactorAuthentication',
      authenticationDetails: details,
      authenticationMethodsUsed: [...new Set(methods.map(methodName))],
      authenticationProtocol: ctx.device ? 'deviceCode' : 'none',
    });
  }

  private renderChooser(reply: FastifyReply, view: StepView, methods: SecondFactorMethod[], error?: { aadsts: number; text: string }) {
    const options = methods
      .map(
        (m, i) =>
          `<label class="field"><input type="radio" name="method" value="${escapeHtml(m.id)}" id="method-${escapeHtml(m.kind)}"${i === 0 ? ' checked' : ''}> ${escapeHtml(describe(m))}</label>`,
      )
      .join('\n');
    return sendPage(
      reply,
      200,
      'Verify your identity',
      `<h1 id="idDiv_SAOTCS_Title">Verify your identity</h1>${errorBlock(error)}
<form method="post" action="/${escapeHtml(view.tenant)}/login" name="f1" id="chooser">
<input type="hidden" name="flowToken" value="${escapeHtml(view.flowToken)}">
${options}
<input type="submit" id="idSIButton9" value="Next">
</form>`,
      { formAction: view.endsAt },
    );
  }

  private renderCode(reply: FastifyReply, view: StepView, method: SecondFactorMethod, error?: { aadsts: number; text: string }) {
    const prompt =
      method.kind === 'temporaryAccessPass'
        ? 'Enter your Temporary Access Pass'
        : method.kind === 'sms'
          ? `We texted your phone ${method.display ?? ''}. Please enter the code to sign in.`
          : `We emailed a code to ${method.display ?? ''}. Please enter the code to sign in.`;
    return sendPage(
      reply,
      200,
      'Enter code',
      `<h1 id="idDiv_SAOTCC_Title">${method.kind === 'temporaryAccessPass' ? 'Enter Temporary Access Pass' : 'Enter code'}</h1>
<p id="idDiv_SAOTCC_Description" data-method="${escapeHtml(method.kind)}">${escapeHtml(prompt)}</p>${errorBlock(error)}
<form method="post" action="/${escapeHtml(view.tenant)}/login" name="f1" id="otcForm">
<input type="hidden" name="flowToken" value="${escapeHtml(view.flowToken)}">
<label class="field" for="idTxtBx_SAOTCC_OTC">Code</label>
<input type="${method.kind === 'temporaryAccessPass' ? 'password' : 'text'}" name="otc" id="idTxtBx_SAOTCC_OTC" autocomplete="one-time-code" maxlength="256">
<input type="submit" id="idSIButton9" value="Verify">
</form>`,
      { formAction: view.endsAt },
    );
  }

  /** Entra's question after the code: the app by name, Continue (the sign-in goes on; first, so Enter submits it) or Cancel (the code is declined). */
  private renderConfirm(reply: FastifyReply, view: StepView, appName: string) {
    return sendPage(
      reply,
      200,
      'Sign in to your account',
      `<h1 id="deviceConfirmTitle">Are you trying to sign in to <span id="appName">${escapeHtml(appName)}</span>?</h1>
<p>Only continue if you started this sign-in on a device or application you trust.</p>
<form method="post" action="/${escapeHtml(view.tenant)}/login" name="f1" id="deviceConfirm">
<input type="hidden" name="flowToken" value="${escapeHtml(view.flowToken)}">
<button type="submit" name="action" value="continue" id="idSIButton9">Continue</button>
<button type="submit" name="action" value="cancel" id="idBtn_Back">Cancel</button>
</form>`,
    );
  }

  private renderCredentials(reply: FastifyReply, status: number, view: StepView) {
    const error = errorBlock(view.error, 'passwordError');
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
