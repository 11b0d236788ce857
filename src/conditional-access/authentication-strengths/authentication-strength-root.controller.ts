import { Get, Param } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse } from '@nestjs/swagger';
import { Permissions } from '../../auth/permissions/permissions.decorator.js';
import { Call, type GraphCall } from '../../graph/graph-call.js';
import { GraphController } from '../../graph/graph-controller.decorator.js';
import { STRENGTH_READ } from '../ca-root.permissions.js';
import { CombinationsDto, IncludeUnknownEnumMembers, MethodModeCollectionDto, MethodModeDto } from '../schema/ca-openapi.js';
import { AuthenticationStrengthsService, STRENGTH_ROOT_PATH } from './authentication-strengths.service.js';

/** `/identity/conditionalAccess/authenticationStrength/{authenticationMethodModes,combinations}`: static lists. */
@GraphController(STRENGTH_ROOT_PATH, { tag: 'conditionalAccess' })
export class AuthenticationStrengthRootController {
  constructor(private readonly strengths: AuthenticationStrengthsService) {}

  @Get('authenticationMethodModes')
  @Permissions('identity.conditionalAccess.authenticationStrength.ListAuthenticationMethodModes', 'List authenticationMethodModes', STRENGTH_READ)
  @ApiOkResponse({ type: MethodModeCollectionDto })
  listModes(@Call() call: GraphCall) {
    return this.strengths.methodModes(call);
  }

  @Get('authenticationMethodModes/:id')
  @Permissions('identity.conditionalAccess.authenticationStrength.GetAuthenticationMethodModes', 'Get authenticationMethodModeDetail', STRENGTH_READ)
  @ApiOkResponse({ type: MethodModeDto })
  @ApiNotFoundResponse({ description: 'No such mode (ResourceNotFound).' })
  getMode(@Param('id') id: string, @Call() call: GraphCall) {
    return this.strengths.methodModes(call, id);
  }

  @Get('combinations')
  @Permissions('identity.conditionalAccess.authenticationStrength.GetCombinations', 'List every allowed combination', STRENGTH_READ)
  @ApiOkResponse({ type: CombinationsDto })
  combinations(@Call() call: GraphCall, @IncludeUnknownEnumMembers() include: boolean) {
    return this.strengths.combinations(call, include);
  }
}
