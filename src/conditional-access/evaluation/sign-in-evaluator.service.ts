import { Injectable } from '@nestjs/common';
import { evaluateSignIn, type EvaluationData, type SignInEvaluation, type SignInInput } from './sign-in-evaluation.js';
import { SignInEvaluationRepository } from './sign-in-evaluation.repository.js';

/**
 * Conditional Access at sign-in (issue #14, DECISIONS §10): loads the tenant's policies, named locations and
 * strengths once, then runs the pure `evaluateSignIn`. Callers re-run `evaluate` with the larger `methods` set after
 * each factor (the sign-in page after the password and again after a second factor; the token endpoint at every
 * redemption, refresh tokens included).
 */
@Injectable()
export class SignInEvaluator {
  constructor(private readonly repository: SignInEvaluationRepository) {}

  async evaluate(input: SignInInput): Promise<SignInEvaluation> {
    return evaluateSignIn(input, await this.repository.load(input.tenantId));
  }

  /** The loaded data, for callers that evaluate several inputs against one snapshot (What If). */
  load(tenantId: string): Promise<EvaluationData> {
    return this.repository.load(tenantId);
  }
}
