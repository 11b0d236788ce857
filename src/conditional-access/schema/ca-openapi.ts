import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { ApiProperty, type ApiPropertyOptions } from '@nestjs/swagger';
import { graphCollectionDto, graphEntityDto } from '../../graph/openapi/graph-dto.js';
import { prefersUnknownEnumMembers } from './document-schema.js';

type Props = Record<string, ApiPropertyOptions>;

const STR = { type: String } as const;
const NSTR = { type: String, nullable: true } as const;
const OBJ = { type: 'object', additionalProperties: true } as const;
const NOBJ = { ...OBJ, nullable: true } as const;
const ARR = { type: 'array', items: { type: 'object', additionalProperties: true } } as const;
const DATE = { type: String, format: 'date-time' } as const;
const NDATE = { ...DATE, nullable: true } as const;

const POLICY_PROPS: Props = {
  id: STR,
  templateId: NSTR,
  displayName: STR,
  description: NSTR,
  createdDateTime: NDATE,
  modifiedDateTime: NDATE,
  deletedDateTime: NDATE,
  state: { type: String, enum: ['enabled', 'disabled', 'enabledForReportingButNotEnforced'] },
  conditions: OBJ,
  grantControls: NOBJ,
  sessionControls: NOBJ,
};
export const PolicyItemDto = graphEntityDto('ConditionalAccessPolicyItemDto', 'microsoft.graph.conditionalAccessPolicy', POLICY_PROPS);
export const PolicyDto = graphEntityDto('ConditionalAccessPolicyDto', 'microsoft.graph.conditionalAccessPolicy', POLICY_PROPS, true);
export const PolicyCollectionDto = graphCollectionDto('ConditionalAccessPolicyCollectionDto', PolicyItemDto);

const LOCATION_PROPS: Props = {
  '@odata.type': { type: String, enum: ['#microsoft.graph.ipNamedLocation', '#microsoft.graph.countryNamedLocation'] },
  id: STR,
  displayName: STR,
  createdDateTime: NDATE,
  modifiedDateTime: NDATE,
  deletedDateTime: NDATE,
};
export const NamedLocationItemDto = graphEntityDto('NamedLocationItemDto', 'microsoft.graph.namedLocation', LOCATION_PROPS);
export const NamedLocationDto = graphEntityDto('NamedLocationDto', 'microsoft.graph.namedLocation', LOCATION_PROPS, true);
export const NamedLocationCollectionDto = graphCollectionDto('NamedLocationCollectionDto', NamedLocationItemDto);

const TEMPLATE_PROPS: Props = { id: STR, name: STR, description: NSTR, scenarios: STR, details: OBJ };
export const TemplateItemDto = graphEntityDto('ConditionalAccessTemplateItemDto', 'microsoft.graph.conditionalAccessTemplate', TEMPLATE_PROPS);
export const TemplateDto = graphEntityDto('ConditionalAccessTemplateDto', 'microsoft.graph.conditionalAccessTemplate', TEMPLATE_PROPS, true);
export const TemplateCollectionDto = graphCollectionDto('ConditionalAccessTemplateCollectionDto', TemplateItemDto);

const STRENGTH_PROPS: Props = {
  id: STR,
  displayName: STR,
  description: NSTR,
  policyType: STR,
  requirementsSatisfied: STR,
  allowedCombinations: { type: [String] },
  createdDateTime: DATE,
  modifiedDateTime: DATE,
  combinationConfigurations: ARR,
};
export const StrengthItemDto = graphEntityDto('AuthenticationStrengthPolicyItemDto', 'microsoft.graph.authenticationStrengthPolicy', STRENGTH_PROPS);
export const StrengthDto = graphEntityDto('AuthenticationStrengthPolicyDto', 'microsoft.graph.authenticationStrengthPolicy', STRENGTH_PROPS, true);
export const StrengthCollectionDto = graphCollectionDto('AuthenticationStrengthPolicyCollectionDto', StrengthItemDto);
export const StrengthUsageDto = graphEntityDto('AuthenticationStrengthUsageDto', 'microsoft.graph.authenticationStrengthUsage', { mfa: ARR, none: ARR }, true);
export const UpdateAllowedCombinationsResultDto = graphEntityDto(
  'UpdateAllowedCombinationsResultDto',
  'microsoft.graph.updateAllowedCombinationsResult',
  {
    additionalInformation: NSTR,
    conditionalAccessReferences: { type: [String] },
    currentCombinations: { type: [String] },
    previousCombinations: { type: [String] },
  },
  true,
);
const CONFIG_PROPS: Props = { id: STR, appliesToCombinations: { type: [String] } };
export const CombinationConfigurationItemDto = graphEntityDto(
  'AuthenticationCombinationConfigurationItemDto',
  'microsoft.graph.authenticationCombinationConfiguration',
  CONFIG_PROPS,
);
export const CombinationConfigurationDto = graphEntityDto(
  'AuthenticationCombinationConfigurationDto',
  'microsoft.graph.authenticationCombinationConfiguration',
  CONFIG_PROPS,
  true,
);
export const CombinationConfigurationCollectionDto = graphCollectionDto('AuthenticationCombinationConfigurationCollectionDto', CombinationConfigurationItemDto);
const MODE_PROPS: Props = { id: STR, authenticationMethod: STR, displayName: STR };
export const MethodModeItemDto = graphEntityDto('AuthenticationMethodModeDetailItemDto', 'microsoft.graph.authenticationMethodModeDetail', MODE_PROPS);
export const MethodModeDto = graphEntityDto('AuthenticationMethodModeDetailDto', 'microsoft.graph.authenticationMethodModeDetail', MODE_PROPS, true);
export const MethodModeCollectionDto = graphCollectionDto('AuthenticationMethodModeDetailCollectionDto', MethodModeItemDto);
export class CombinationsDto {
  @ApiProperty({ type: String })
  '@odata.context': string;

  @ApiProperty({ type: [String], description: 'Every allowed combination (`authenticationMethodModes` flags).' })
  value: string[];
}

/** Handler parameter: `Prefer: include-unknown-enum-members` was sent (evolvable enums shown as they are). */
export const IncludeUnknownEnumMembers = createParamDecorator((_: unknown, ctx: ExecutionContext): boolean =>
  prefersUnknownEnumMembers(ctx.switchToHttp().getRequest<FastifyRequest>().headers.prefer),
);
