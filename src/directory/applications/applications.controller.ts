import { Body, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiBadRequestResponse, ApiCreatedResponse, ApiNoContentResponse, ApiNotFoundResponse, ApiOkResponse, ApiProduces } from '@nestjs/swagger';
import { CurrentPrincipal } from '../../auth/current-principal.decorator.js';
import { Permissions } from '../../auth/permissions/permissions.decorator.js';
import type { Principal } from '../../auth/principal.js';
import { COUNT_SEGMENT } from '../../graph/count.js';
import { Call, type GraphCall } from '../../graph/graph-call.js';
import { GraphController } from '../../graph/graph-controller.decorator.js';
import { APPLICATION_CREATE, APPLICATION_READ, APPLICATION_WRITE } from './application.permissions.js';
import { APPLICATIONS_PATH } from './application.representation.js';
import { ApplicationsService } from './applications.service.js';
import {
  AddKeyDto,
  AddPasswordDto,
  ApplicationCollectionDto,
  ApplicationResponseDto,
  CreateApplicationDto,
  KeyCredentialResponseDto,
  PasswordCredentialResponseDto,
  RemoveKeyDto,
  RemovePasswordDto,
  UpdateApplicationDto,
} from './dto/application.dto.js';

/** `/applications` on v1.0 and beta (issue #14). */
@GraphController(APPLICATIONS_PATH, { tag: 'applications' })
@ApiBadRequestResponse({ description: 'Invalid body, id or query option (Request_BadRequest, Request_UnsupportedQuery).' })
export class ApplicationsController {
  constructor(private readonly apps: ApplicationsService) {}

  @Get()
  @Permissions('applications.application.ListApplication', 'List applications', APPLICATION_READ)
  @ApiOkResponse({ type: ApplicationCollectionDto })
  list(@CurrentPrincipal() p: Principal, @Call() call: GraphCall) {
    return this.apps.list(p, call);
  }

  @Get(COUNT_SEGMENT)
  @Permissions('applications.application.GetCount', 'Count applications (text/plain)', APPLICATION_READ)
  @ApiProduces('text/plain')
  @ApiOkResponse({ description: 'How many applications (matching `$filter`), as plain text.', schema: { type: 'integer' } })
  count(@CurrentPrincipal() p: Principal, @Call() call: GraphCall) {
    return this.apps.count(p, call);
  }

  @Get(':id')
  @Permissions('applications.application.GetApplication', 'Get application', APPLICATION_READ)
  @ApiOkResponse({ type: ApplicationResponseDto })
  @ApiNotFoundResponse({ description: 'No such application in this tenant (Request_ResourceNotFound).' })
  get(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Call() call: GraphCall) {
    return this.apps.get(p, id, call);
  }

  @Post()
  @Permissions('applications.application.CreateApplication', 'Create application', APPLICATION_CREATE)
  @ApiCreatedResponse({ type: ApplicationResponseDto, description: 'Created; `Location` names the new application.' })
  create(@CurrentPrincipal() p: Principal, @Body() body: CreateApplicationDto, @Call() call: GraphCall) {
    return this.apps.create(p, body, call);
  }

  @Patch(':id')
  @HttpCode(204)
  @Permissions('applications.application.UpdateApplication', 'Update application', APPLICATION_WRITE)
  @ApiNoContentResponse({ description: 'Updated.' })
  update(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Body() body: UpdateApplicationDto): Promise<void> {
    return this.apps.update(p, id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  @Permissions('applications.application.DeleteApplication', 'Delete application', APPLICATION_WRITE)
  @ApiNoContentResponse({ description: 'Deleted.' })
  delete(@CurrentPrincipal() p: Principal, @Param('id') id: string): Promise<void> {
    return this.apps.delete(p, id);
  }

  @Post(':id/addPassword')
  @HttpCode(200)
  @Permissions('applications.application.addPassword', 'Add a client secret (its text is returned once)', APPLICATION_WRITE)
  @ApiOkResponse({ type: PasswordCredentialResponseDto })
  addPassword(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Body() body: AddPasswordDto, @Call() call: GraphCall) {
    return this.apps.addPassword(p, id, body, call);
  }

  @Post(':id/removePassword')
  @HttpCode(204)
  @Permissions('applications.application.removePassword', 'Remove a client secret', APPLICATION_WRITE)
  @ApiNoContentResponse({ description: 'Removed.' })
  removePassword(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Body() body: RemovePasswordDto): Promise<void> {
    return this.apps.removePassword(p, id, body);
  }

  @Post(':id/addKey')
  @HttpCode(200)
  @Permissions('applications.application.addKey', 'Add a certificate (proof of possession of a current one required)', APPLICATION_WRITE)
  @ApiOkResponse({ type: KeyCredentialResponseDto })
  addKey(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Body() body: AddKeyDto, @Call() call: GraphCall) {
    return this.apps.addKey(p, id, body, call);
  }

  @Post(':id/removeKey')
  @HttpCode(204)
  @Permissions('applications.application.removeKey', 'Remove a certificate (proof of possession of a current one required)', APPLICATION_WRITE)
  @ApiNoContentResponse({ description: 'Removed.' })
  removeKey(@CurrentPrincipal() p: Principal, @Param('id') id: string, @Body() body: RemoveKeyDto): Promise<void> {
    return this.apps.removeKey(p, id, body);
  }
}
