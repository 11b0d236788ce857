import type { SignInRecord } from '../../audit-logs/sign-in-log.js';
import type { SignInEvaluation } from '../../conditional-access/evaluation/sign-in-evaluation.js';

/** A sign-in log's Conditional Access fields from the evaluation of the sign-in (none when it was not evaluated). */
export function caFields(evaluation: SignInEvaluation | undefined): Pick<SignInRecord, 'conditionalAccessStatus' | 'appliedConditionalAccessPolicies'> {
  return evaluation
    ? {
        conditionalAccessStatus: evaluation.conditionalAccessStatus,
        appliedConditionalAccessPolicies: evaluation.appliedConditionalAccessPolicies as unknown as Record<string, unknown>[],
      }
    : {};
}
