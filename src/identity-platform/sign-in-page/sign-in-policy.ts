import { Injectable } from '@nestjs/common';
import { GRAPH_APP_ID } from '../../auth/catalogue/graph-service-principal.js';
import { DIRECTORY_ROLES } from '../../auth/directory-roles.js';
import { parseClaimsRequest } from '../../conditional-access/evaluation/claims-request.js';
import { platformFromUserAgent } from '../../conditional-access/evaluation/device-platform.js';
import { satisfiesAny, type SignInEvaluation } from '../../conditional-access/evaluation/sign-in-evaluation.js';
import { SignInEvaluator } from '../../conditional-access/evaluation/sign-in-evaluator.service.js';
import { RoleAssignmentsService } from '../../role-management/role-assignments/role-assignments.service.js';
import { SecondFactor, type SecondFactorMethod } from '../second-factor/second-factor.service.js';

/** What the sign-in page knows when it asks the policy what comes next. */
export interface SignInContext {
  tenantId: string;
  /** The client the user signs in to (its app id). */
  clientId: string;
  userId: string;
  /** Methods done so far in this sign-in, as authentication-strength mode names (`password`, `sms`, `temporaryAccessPassOneTime`...). */
  methods: readonly string[];
  /** The `claims` parameter of the authorize request (JSON text), when sent: authentication contexts asked for. */
  claims?: string;
  /** The browser's address and user agent. */
  ipAddress?: string;
  userAgent?: string;
  /** A device-code sign-in (the device page): Entra's client app is then "mobile apps and desktop clients". */
  device?: boolean;
}

/** Entra's texts for the refusals the policy answers. */
export const POLICY_TEXT = {
  blocked: 'Access has been blocked by Conditional Access policies. The access policy does not allow token issuance.',
  /** Entra's 53004 (ProofUpBlockedDueToRisk), its documented text. */
  proofUpRequired:
    'User needs to complete the multi-factor authentication registration process before accessing this content. User should register for multi-factor authentication.',
};

/**
 * The answer: `done` (issue what the client asked for), a refusal shown on the page (Conditional Access block, 53003;
 * no registered method that would satisfy the policies, 53004), or a second factor to ask for among `methods` (one:
 * the page goes straight to it; several: a chooser). Every answer carries the evaluation for the sign-in log.
 */
export type NextStep =
  | { step: 'done'; evaluation: SignInEvaluation }
  | { step: 'refuse'; aadsts: number; text: string; evaluation: SignInEvaluation }
  | { step: 'secondFactor'; methods: SecondFactorMethod[]; evaluation: SignInEvaluation };

/** The strength mode names a second-factor method may add (a TAP is one-time or multi-use: either may be what it is). */
export function modesOf(method: SecondFactorMethod): string[] {
  if (method.kind === 'temporaryAccessPass') return ['temporaryAccessPassOneTime', 'temporaryAccessPassMultiUse'];
  return [method.kind];
}

/**
 * THE SEAM of the sign-in sequence (docs/choices.md "Sign-in: Conditional Access and second factors on the page"): the
 * page calls `next` once the password is verified and again after each second factor, with the methods done so far.
 * Conditional Access (`SignInEvaluator`) decides: allow → `done`; block → 53003; more authentication → the user's
 * registered methods (`SecondFactor.methodsFor`) that, with what is done, satisfy one of the requirements' combinations;
 * none → 53004 (proof up required).
 */
@Injectable()
export class SignInPolicy {
  constructor(
    private readonly evaluator: SignInEvaluator,
    private readonly roles: RoleAssignmentsService,
    private readonly secondFactor: SecondFactor,
  ) {}

  async next(context: SignInContext): Promise<NextStep> {
    const claims = parseClaimsRequest(context.claims) ?? { acrs: [], xmsCc: [] };
    const roleTemplateIds = [...new Set([...(await this.roles.roleTemplateIds(context.tenantId, context.userId)), DIRECTORY_ROLES.User])];
    const evaluation = await this.evaluator.evaluate({
      tenantId: context.tenantId,
      user: { id: context.userId, roleTemplateIds },
      clientAppId: context.clientId,
      resourceAppId: GRAPH_APP_ID,
      clientAppType: context.device ? 'mobileAppsAndDesktopClients' : 'browser',
      ...(context.device ? { transferMethod: 'deviceCodeFlow' } : {}),
      platform: platformFromUserAgent(context.userAgent),
      ipAddress: context.ipAddress,
      requestedContexts: claims.acrs,
      methods: context.methods,
    });
    if (evaluation.outcome === 'allow') return { step: 'done', evaluation };
    if (evaluation.outcome === 'block') return { step: 'refuse', aadsts: 53003, text: POLICY_TEXT.blocked, evaluation };
    // A method whose mode is done already is not offered again.
    const methods = (await this.secondFactor.methodsFor(context.tenantId, context.userId)).filter(
      (m) =>
        !modesOf(m).some((mode) => context.methods.includes(mode)) &&
        modesOf(m).some((mode) => evaluation.requirements.some((r) => satisfiesAny([...context.methods, mode], r.allowedCombinations))),
    );
    if (methods.length === 0) return { step: 'refuse', aadsts: 53004, text: POLICY_TEXT.proofUpRequired, evaluation };
    return { step: 'secondFactor', methods, evaluation };
  }
}
