import { Injectable } from '@nestjs/common';
import type { Principal } from '../../auth/principal.js';
import type { GraphCall } from '../../graph/graph-call.js';
import { GraphResult } from '../../graph/graph-result.js';
import type { UserRef } from '../../users/user-ref.js';
import { UsersService } from '../../users/users.service.js';
import { authenticationContext, authenticationUrl } from '../authentication-links.js';
import { MethodErrors } from '../authentication.errors.js';
import { AuthenticationMethodsRepository } from './authentication-methods.repository.js';
import type { CreateEmailMethodDto, UpdateEmailMethodDto } from './dto/email-method.dto.js';
import { EMAIL_METHOD_ID } from './families/method-ids.js';
import { MethodRenderer } from './method-renderer.js';

/** Email methods (graph-spec §2.6.2): at most one per user, always id 3ddfcfc8-…; used for SSPR only. */
@Injectable()
export class EmailMethodsService {
  constructor(
    private readonly users: UsersService,
    private readonly methods: AuthenticationMethodsRepository,
    private readonly renderer: MethodRenderer,
  ) {}

  async create(principal: Principal, ref: UserRef, call: GraphCall, dto: CreateEmailMethodDto): Promise<GraphResult> {
    const user = await this.users.resolveTarget(principal, ref);
    const created = await this.methods.insertIfAbsent({
      tenantId: principal.tenantId,
      userId: user.id,
      id: EMAIL_METHOD_ID,
      kind: 'email',
      properties: { emailAddress: dto.emailAddress },
      createdAt: new Date(),
    });
    if (!created) throw MethodErrors.conflict('The user already has an email method; update or delete it instead.');
    const ctx = await this.renderer.context(principal, ref, call.version, user.id, [created]);
    return GraphResult.created(
      { '@odata.context': authenticationContext(call, ref, '/emailMethods/$entity'), ...this.renderer.one(created, ctx) },
      authenticationUrl(call, user.id, `/emailMethods/${EMAIL_METHOD_ID}`),
    );
  }

  async update(principal: Principal, ref: UserRef, methodId: string, dto: UpdateEmailMethodDto): Promise<GraphResult> {
    const user = await this.users.resolveTarget(principal, ref);
    if (methodId.toLowerCase() !== EMAIL_METHOD_ID) throw MethodErrors.methodNotFound(methodId);
    const patch = dto.emailAddress !== undefined ? { emailAddress: dto.emailAddress } : {};
    const updated = await this.methods.updateProperties(principal.tenantId, user.id, EMAIL_METHOD_ID, 'email', patch);
    if (!updated) throw MethodErrors.methodNotFound(methodId);
    return GraphResult.noContent();
  }
}
