import { Get, Param } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse } from '@nestjs/swagger';
import { Permissions } from '../../auth/permissions/permissions.decorator.js';
import { Call, type GraphCall } from '../../graph/graph-call.js';
import { GraphController } from '../../graph/graph-controller.decorator.js';
import { CA_READ } from '../ca-root.permissions.js';
import { IncludeUnknownEnumMembers, TemplateCollectionDto, TemplateDto } from '../schema/ca-openapi.js';
import { TEMPLATES_PATH, TemplatesService } from './templates.service.js';

/** `/identity/conditionalAccess/templates`: the 16 read-only templates, the same in every tenant. */
@GraphController(TEMPLATES_PATH, { tag: 'conditionalAccess' })
export class TemplatesController {
  constructor(private readonly templates: TemplatesService) {}

  @Get()
  @Permissions('identity.conditionalAccess.ListTemplates', 'List conditionalAccessTemplates', CA_READ)
  @ApiOkResponse({ type: TemplateCollectionDto })
  list(@Call() call: GraphCall, @IncludeUnknownEnumMembers() include: boolean) {
    return this.templates.list(call, include);
  }

  @Get(':id')
  @Permissions('identity.conditionalAccess.GetTemplates', 'Get conditionalAccessTemplate', CA_READ)
  @ApiOkResponse({ type: TemplateDto })
  @ApiNotFoundResponse({ description: 'No such template (ResourceNotFound).' })
  get(@Param('id') id: string, @Call() call: GraphCall, @IncludeUnknownEnumMembers() include: boolean) {
    return this.templates.get(id, call, include);
  }
}
