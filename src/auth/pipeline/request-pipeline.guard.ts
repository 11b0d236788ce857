import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { ThrottleGuard } from '../../throttling/throttle.guard.js';
import { JwtAuthGuard } from '../guards/jwt-auth.guard.js';
import { PermissionsGuard } from '../guards/permissions.guard.js';
import { SessionStage } from '../sessions/session.stage.js';
import { StepUpStage } from '../step-up/step-up.stage.js';

/**
 * The one global guard: every request's checks, in the order Graph answers them (DECISIONS §4, §9), written
 * here rather than left to the order in which modules register guards:
 *   1. token       401 InvalidAuthenticationToken (missing, invalid, expired token), then the user's sessions:
 *                  a token older than a revocation, or of a disabled or deleted user, 401 (nbf challenge for cp1)
 *   2. permission  403 (kind, scope, app role, directory role), 400 for /me with an app token
 *   3. step-up     401 claims challenge (cp1) or 403 (protected action, token without the bound context)
 *   4. throttle    429 (only calls that got this far spend budget)
 * Then Nest's pipes validate the body (400) and the service looks up the target (404). Each stage returns true
 * or throws the Graph error; public routes pass every stage.
 */
@Injectable()
export class RequestPipeline implements CanActivate {
  private readonly stages: readonly CanActivate[];

  constructor(token: JwtAuthGuard, sessions: SessionStage, permission: PermissionsGuard, stepUp: StepUpStage, throttle: ThrottleGuard) {
    this.stages = [token, sessions, permission, stepUp, throttle];
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    for (const stage of this.stages) {
      // Most stages answer synchronously on the hot path: await only the promises.
      const verdict = stage.canActivate(context) as boolean | Promise<boolean>;
      if (!(typeof verdict === 'boolean' ? verdict : await verdict)) return false;
    }
    return true;
  }
}
