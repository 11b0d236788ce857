import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { ThrottleGuard } from '../../throttling/throttle.guard.js';
import { JwtAuthGuard } from '../guards/jwt-auth.guard.js';
import { PermissionsGuard } from '../guards/permissions.guard.js';
import { StepUpStage } from '../step-up/step-up.stage.js';

/**
 * The one global guard: every request's checks, in the order Graph answers them (DECISIONS §4, §9), written
 * here rather than left to the order in which modules register guards:
 *   1. token       401 InvalidAuthenticationToken (missing, invalid, expired token)
 *   2. permission  403 (kind, scope, app role, directory role), 400 for /me with an app token
 *   3. step-up     401 claims challenge (cp1) or 403 (protected action, token without the bound context)
 *   4. throttle    429 (only calls that got this far spend budget)
 * Then Nest's pipes validate the body (400) and the service looks up the target (404). Each stage returns true
 * or throws the Graph error; public routes pass every stage.
 */
@Injectable()
export class RequestPipeline implements CanActivate {
  private readonly stages: readonly CanActivate[];

  constructor(token: JwtAuthGuard, permission: PermissionsGuard, stepUp: StepUpStage, throttle: ThrottleGuard) {
    this.stages = [token, permission, stepUp, throttle];
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    for (const stage of this.stages) {
      if (!(await stage.canActivate(context))) return false;
    }
    return true;
  }
}
