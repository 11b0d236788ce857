import { Body, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBadRequestResponse, ApiCreatedResponse, ApiNoContentResponse, ApiNotFoundResponse, ApiOkResponse, ApiProduces } from '@nestjs/swagger';
import { CurrentPrincipal } from '../../auth/current-principal.decorator.js';
import { Permissions } from '../../auth/permissions/permissions.decorator.js';
import type { Principal } from '../../auth/principal.js';
import { COUNT_SEGMENT } from '../../graph/count.js';
import { Call, type GraphCall } from '../../graph/graph-call.js';
import { GraphController } from '../../graph/graph-controller.decorator.js';
import { APP_ROLE_ASSIGNMENT_READ, APP_ROLE_ASSIGNMENT_WRITE } from './app-role-assignment.permissions.js';
import { AppRoleAssignmentsService } from './app-role-assignments.service.js';
import { AppRoleAssignmentCollectionDto, AppRoleAssignmentResponseDto, CreateAppRoleAssignmentDto } from './dto/app-role-assignment.dto.js';

/**
 * `servicePrincipals/{id}/appRoleAssignments` (the roles the principal holds) and `…/appRoleAssignedTo` (the
 * principals holding its roles), v1.0 and beta (issue #14).
 */
@GraphController('servicePrincipals', { tag: 'servicePrincipals' })
@ApiBadRequestResponse({ description: 'Invalid body, id or query option (Request_BadRequest, Request_UnsupportedQuery).' })
@ApiNotFoundResponse({ description: 'No such service principal or assignment in this tenant (Request_ResourceNotFound).' })
export class AppRoleAssignmentsController {
  constructor(private readonly assignments: AppRoleAssignmentsService) {}

  @Get(':id/appRoleAssignments')
  @Permissions('servicePrincipals.ListAppRoleAssignments', 'List the app roles a service principal holds', APP_ROLE_ASSIGNMENT_READ)
  @ApiOkResponse({ type: AppRoleAssignmentCollectionDto })
  listHeld(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Call() call: GraphCall) {
    return this.assignments.list(p, 'principal', id, call);
  }

  @Get(`:id/appRoleAssignments/${COUNT_SEGMENT}`)
  @Permissions('servicePrincipals.appRoleAssignments.GetCount', 'Count the app roles a service principal holds (text/plain)', APP_ROLE_ASSIGNMENT_READ)
  @ApiProduces('text/plain')
  @ApiOkResponse({ description: 'How many assignments (matching `$filter`), as plain text.', schema: { type: 'integer' } })
  countHeld(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Call() call: GraphCall) {
    return this.assignments.count(p, 'principal', id, call);
  }

  @Get(':id/appRoleAssignments/:assignmentId')
  @Permissions('servicePrincipals.GetAppRoleAssignments', 'Get an app role a service principal holds', APP_ROLE_ASSIGNMENT_READ)
  @ApiOkResponse({ type: AppRoleAssignmentResponseDto })
  getHeld(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Param('assignmentId') assignmentId: string, @Call() call: GraphCall) {
    return this.assignments.get(p, 'principal', id, assignmentId, call);
  }

  @Post(':id/appRoleAssignments')
  @Permissions('servicePrincipals.CreateAppRoleAssignments', 'Grant an app role to a service principal', APP_ROLE_ASSIGNMENT_WRITE)
  @ApiCreatedResponse({ type: AppRoleAssignmentResponseDto })
  grantHeld(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Body() body: CreateAppRoleAssignmentDto, @Call() call: GraphCall) {
    return this.assignments.create(p, 'principal', id, body, call);
  }

  @Delete(':id/appRoleAssignments/:assignmentId')
  @HttpCode(204)
  @Permissions('servicePrincipals.DeleteAppRoleAssignments', 'Remove an app role a service principal holds', APP_ROLE_ASSIGNMENT_WRITE)
  @ApiNoContentResponse({ description: 'Removed.' })
  deleteHeld(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Param('assignmentId') assignmentId: string): Promise<void> {
    return this.assignments.delete(p, 'principal', id, assignmentId);
  }

  @Get(':id/appRoleAssignedTo')
  @Permissions('servicePrincipals.ListAppRoleAssignedTo', 'List the principals holding app roles of a service principal', APP_ROLE_ASSIGNMENT_READ)
  @ApiOkResponse({ type: AppRoleAssignmentCollectionDto })
  listGranted(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Call() call: GraphCall) {
    return this.assignments.list(p, 'resource', id, call);
  }

  @Get(`:id/appRoleAssignedTo/${COUNT_SEGMENT}`)
  @Permissions(
    'servicePrincipals.appRoleAssignedTo.GetCount',
    'Count the principals holding app roles of a service principal (text/plain)',
    APP_ROLE_ASSIGNMENT_READ,
  )
  @ApiProduces('text/plain')
  @ApiOkResponse({ description: 'How many assignments (matching `$filter`), as plain text.', schema: { type: 'integer' } })
  countGranted(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Call() call: GraphCall) {
    return this.assignments.count(p, 'resource', id, call);
  }

  @Get(':id/appRoleAssignedTo/:assignmentId')
  @Permissions('servicePrincipals.GetAppRoleAssignedTo', 'Get an assignment of an app role of a service principal', APP_ROLE_ASSIGNMENT_READ)
  @ApiOkResponse({ type: AppRoleAssignmentResponseDto })
  getGranted(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Param('assignmentId') assignmentId: string, @Call() call: GraphCall) {
    return this.assignments.get(p, 'resource', id, assignmentId, call);
  }

  @Post(':id/appRoleAssignedTo')
  @Permissions('servicePrincipals.CreateAppRoleAssignedTo', 'Grant an app role of a service principal to another', APP_ROLE_ASSIGNMENT_WRITE)
  @ApiCreatedResponse({ type: AppRoleAssignmentResponseDto })
  grantGranted(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Body() body: CreateAppRoleAssignmentDto, @Call() call: GraphCall) {
    return this.assignments.create(p, 'resource', id, body, call);
  }

  @Delete(':id/appRoleAssignedTo/:assignmentId')
  @HttpCode(204)
  @Permissions('servicePrincipals.DeleteAppRoleAssignedTo', 'Remove an assignment of an app role of a service principal', APP_ROLE_ASSIGNMENT_WRITE)
  @ApiNoContentResponse({ description: 'Removed.' })
  deleteGranted(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Param('assignmentId') assignmentId: string): Promise<void> {
    return this.assignments.delete(p, 'resource', id, assignmentId);
  }
}
