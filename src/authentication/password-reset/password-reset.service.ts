import { randomInt, randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { Principal } from '../../auth/principal.js';
import { metadataContext, type GraphCall } from '../../graph/graph-call.js';
import { GraphResult } from '../../graph/graph-result.js';
import type { UserRef } from '../../users/user-ref.js';
import { UsersService } from '../../users/users.service.js';
import { authenticationRelative, authenticationUrl } from '../authentication-links.js';
import { MethodErrors } from '../authentication.errors.js';
import { AuthenticationOperationsRepository } from './authentication-operations.repository.js';
import type { ResetPasswordDto } from './dto/reset-password.dto.js';
import { PASSWORD_METHOD_ID } from '../methods/families/method-ids.js';
import { MethodsService } from '../methods/methods.service.js';
import { hashPassword } from '../../users/password-hash.js';

const CLASSES = ['ABCDEFGHJKLMNPQRSTUVWXYZ', 'abcdefghijkmnopqrstuvwxyz', '23456789', '!#$%&*+-=?@^_'];

/** 16 characters with every class present: far above Entra's policy (8–256, 3 of 4 classes). */
export function generatePassword(length = 16): string {
  const all = CLASSES.join('');
  const chars = CLASSES.map((c) => c[randomInt(c.length)]);
  while (chars.length < length) chars.push(all[randomInt(all.length)]);
  for (let i = chars.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j], chars[i]];
  }
  return chars.join('');
}

/**
 * resetPassword (graph-spec §2.6.5): admins only, never on oneself (the permission table refuses
 * both). The new password is stored as a hash only; the user is marked to change it at next sign-in. The operation
 * completes at once and stays readable under `operations/{id}`.
 */
@Injectable()
export class PasswordResetService {
  constructor(
    private readonly users: UsersService,
    private readonly methods: MethodsService,
    private readonly operations: AuthenticationOperationsRepository,
  ) {}

  async reset(principal: Principal, ref: UserRef, call: GraphCall, methodId: string, dto: ResetPasswordDto): Promise<GraphResult> {
    const user = await this.users.resolveTarget(principal, ref);
    const method = await this.methods.findOrThrow(principal.tenantId, user.id, null, methodId);
    if (method.id !== PASSWORD_METHOD_ID) {
      throw MethodErrors.badRequest(`resetPassword applies to the password method (${PASSWORD_METHOD_ID}) only.`);
    }
    const now = new Date();
    const operationId = randomUUID();
    // The new password is the user's from now on (kept as a hash only, issue #14).
    const newPassword = dto.newPassword ?? generatePassword();
    await this.operations.recordPasswordReset(await hashPassword(newPassword), {
      tenantId: principal.tenantId,
      userId: user.id,
      id: operationId,
      status: 'succeeded',
      statusDetail: null,
      resourceLocation: authenticationRelative(user.id, `/passwordMethods/${PASSWORD_METHOD_ID}`),
      createdAt: now,
      lastActionAt: now,
    });
    const headers = { Location: authenticationUrl(call, user.id, `/operations/${operationId}`) };
    if (dto.newPassword !== undefined) return new GraphResult(202, undefined, headers);
    return new GraphResult(202, { '@odata.context': metadataContext(call, 'microsoft.graph.passwordResetResponse'), newPassword }, headers);
  }
}
