import { Injectable } from '@nestjs/common';

/** What the sign-in page knows when it asks the policy what comes next. */
export interface SignInContext {
  tenantId: string;
  /** The client the user signs in to (its app id). */
  clientId: string;
  userId: string;
  /** Methods satisfied so far in this sign-in, as `amr` values (`pwd`, later `otp`, `mfa`...). */
  amr: string[];
  /** The `claims` parameter of the authorize request (JSON text), when sent: authentication contexts asked for. */
  claims?: string;
}

/**
 * The answer: `done` (issue what the client asked for), a refusal shown on the page (e.g. Conditional Access block,
 * 53003), or, later, another step to show (`otc`: a one-time code or Temporary Access Pass as a second factor).
 */
export type NextStep = { step: 'done' } | { step: 'refuse'; aadsts: number; text: string };

/**
 * THE SEAM of the sign-in sequence (docs/choices.md "Sign-in: authorize, the sign-in page, device code"): the page
 * calls `afterPassword` once the password is verified, and `afterStep` after each later step (none yet). Conditional
 * Access and the authentication-methods policy plug in here: evaluate the policies for `context` and answer
 * `{step: 'otc'}` (a step the page then renders, with `otc` as the field) or a refusal. Today only `done`.
 */
@Injectable()
export class SignInPolicy {
  afterPassword(_context: SignInContext): Promise<NextStep> {
    return Promise.resolve({ step: 'done' });
  }
}
