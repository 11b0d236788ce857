import { Body, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBadRequestResponse, ApiCreatedResponse, ApiNoContentResponse, ApiNotFoundResponse, ApiOkResponse, ApiProduces } from '@nestjs/swagger';
import { CurrentPrincipal } from '../../auth/current-principal.decorator.js';
import { Permissions } from '../../auth/permissions/permissions.decorator.js';
import type { Principal } from '../../auth/principal.js';
import { COUNT_SEGMENT } from '../../graph/count.js';
import { Call, type GraphCall } from '../../graph/graph-call.js';
import { GraphController } from '../../graph/graph-controller.decorator.js';
import { ROLE_ASSIGNMENT_WRITE, ROLE_MANAGEMENT_READ } from '../role-management.permissions.js';
import { CreateRoleAssignmentDto, RoleAssignmentCollectionDto, RoleAssignmentResponseDto } from './dto/role-assignment.dto.js';
import { ROLE_ASSIGNMENTS_PATH } from './role-assignment.representation.js';
import { RoleAssignmentsService } from './role-assignments.service.js';

/** `/roleManagement/directory/roleAssignments` on v1.0 and beta (issue #14). Graph has no PATCH for them. */
@GraphController(ROLE_ASSIGNMENTS_PATH, { tag: 'roleManagement' })
@ApiBadRequestResponse({ description: 'Invalid body, id or query option (Request_BadRequest, Request_UnsupportedQuery).' })
export class RoleAssignmentsController {
  constructor(private readonly assignments: RoleAssignmentsService) {}

  @Get()
  @Permissions('roleManagement.directory.ListRoleAssignments', 'List unifiedRoleAssignments', ROLE_MANAGEMENT_READ)
  @ApiOkResponse({ type: RoleAssignmentCollectionDto })
  list(@CurrentPrincipal() p: Principal, @Call() call: GraphCall) {
    return this.assignments.list(p, call);
  }

  @Get(COUNT_SEGMENT)
  @Permissions('roleManagement.directory.roleAssignments.GetCount', 'Count unifiedRoleAssignments (text/plain)', ROLE_MANAGEMENT_READ)
  @ApiProduces('text/plain')
  @ApiOkResponse({ description: 'How many role assignments (matching `$filter`), as plain text.', schema: { type: 'integer' } })
  count(@CurrentPrincipal() p: Principal, @Call() call: GraphCall) {
    return this.assignments.count(p, call);
  }

  @Get(':id')
  @Permissions('roleManagement.directory.GetRoleAssignments', 'Get unifiedRoleAssignment', ROLE_MANAGEMENT_READ)
  @ApiOkResponse({ type: RoleAssignmentResponseDto })
  @ApiNotFoundResponse({ description: 'No such role assignment in this tenant (Request_ResourceNotFound).' })
  get(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Call() call: GraphCall) {
    return this.assignments.get(p, id, call);
  }

  @Post()
  @Permissions('roleManagement.directory.CreateRoleAssignments', 'Create unifiedRoleAssignment', ROLE_ASSIGNMENT_WRITE)
  @ApiCreatedResponse({ type: RoleAssignmentResponseDto })
  create(@CurrentPrincipal() p: Principal, @Body() body: CreateRoleAssignmentDto, @Call() call: GraphCall) {
    return this.assignments.create(p, body, call);
  }

  @Delete(':id')
  @HttpCode(204)
  @Permissions('roleManagement.directory.DeleteRoleAssignments', 'Delete unifiedRoleAssignment', ROLE_ASSIGNMENT_WRITE)
  @ApiNoContentResponse({ description: 'Deleted.' })
  delete(@CurrentPrincipal() p: Principal, @Param('id') id: string): Promise<void> {
    return this.assignments.delete(p, id);
  }
}
