import { Body, Param, Patch, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse } from '@nestjs/swagger';
import { CurrentPrincipal } from '../../auth/current-principal.decorator.js';
import type { Principal } from '../../auth/principal.js';
import { Permissions } from '../../auth/permissions/permissions.decorator.js';
import { Call, type GraphCall } from '../../graph/graph-call.js';
import { GraphController } from '../../graph/graph-controller.decorator.js';
import { TargetUser } from '../../users/target-user.decorator.js';
import type { UserRef } from '../../users/user-ref.js';
import { methodPermissions } from '../authentication.permissions.js';
import { CreateEmailMethodDto, UpdateEmailMethodDto } from './dto/email-method.dto.js';
import { EMAIL_METHOD_RESPONSES } from './dto/email-method-response.dto.js';
import { EmailMethodsService } from './email-methods.service.js';

const NO_SELF_EMAIL = 'Users cannot add or update the email method on their own account; an administrator must do it.';

/** Email writes; list, get and delete come from the family registry. */
@GraphController('', { tag: 'authentication methods' })
export class EmailMethodsController {
  constructor(private readonly service: EmailMethodsService) {}

  @Post(['me/authentication/emailMethods', 'users/:user/authentication/emailMethods'])
  @Permissions(
    'users.authentication.CreateEmailMethods',
    'Create the email method',
    methodPermissions('Email', 'write', { selfWrite: false, selfNotSupportedReason: NO_SELF_EMAIL }),
  )
  @ApiCreatedResponse({
    type: EMAIL_METHOD_RESPONSES.entity,
    description: 'Created; `Location` names it.',
    headers: { Location: { description: 'The email method.', schema: { type: 'string', format: 'uri' } } },
  })
  create(@CurrentPrincipal() p: Principal, @TargetUser() ref: UserRef, @Call() call: GraphCall, @Body() dto: CreateEmailMethodDto) {
    return this.service.create(p, ref, call, dto);
  }

  @Patch(['me/authentication/emailMethods/:methodId', 'users/:user/authentication/emailMethods/:methodId'])
  @Permissions(
    'users.authentication.UpdateEmailMethods',
    'Update the email method',
    methodPermissions('Email', 'write', { selfWrite: false, selfNotSupportedReason: NO_SELF_EMAIL }),
  )
  @ApiNoContentResponse({ description: 'Updated.' })
  update(@CurrentPrincipal() p: Principal, @TargetUser() ref: UserRef, @Param('methodId') id: string, @Body() dto: UpdateEmailMethodDto) {
    return this.service.update(p, ref, id, dto);
  }
}
