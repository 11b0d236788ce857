import type { ApiPropertyOptions } from '@nestjs/swagger';
import { graphCollectionDto, graphEntityDto } from '../../graph/openapi/graph-dto.js';

type Props = Record<string, ApiPropertyOptions>;

const STR = { type: String } as const;
const NSTR = { type: String, nullable: true } as const;
const OBJ = { type: 'object', additionalProperties: true } as const;
const NOBJ = { ...OBJ, nullable: true } as const;
const ARR = { type: 'array', items: { type: 'object', additionalProperties: true } } as const;

const CONFIGURATION_PROPS: Props = {
  '@odata.type': { type: String, description: 'The derived type: `#microsoft.graph.temporaryAccessPassAuthenticationMethodConfiguration`, …' },
  id: STR,
  state: { type: String, enum: ['enabled', 'disabled'] },
  excludeTargets: ARR,
  includeTargets: { ...ARR, description: 'Inline, with `includeTargets@odata.context`; `all_users` or user/group ids.' },
};
export const ConfigurationItemDto = graphEntityDto(
  'AuthenticationMethodConfigurationItemDto',
  'microsoft.graph.authenticationMethodConfiguration',
  CONFIGURATION_PROPS,
);
export const ConfigurationDto = graphEntityDto(
  'AuthenticationMethodConfigurationDto',
  'microsoft.graph.authenticationMethodConfiguration',
  CONFIGURATION_PROPS,
  true,
);
export const ConfigurationCollectionDto = graphCollectionDto('AuthenticationMethodConfigurationCollectionDto', ConfigurationItemDto);

export const PolicyDto = graphEntityDto(
  'AuthenticationMethodsPolicyDto',
  'microsoft.graph.authenticationMethodsPolicy',
  {
    id: STR,
    description: NSTR,
    displayName: NSTR,
    lastModifiedDateTime: { type: String, format: 'date-time' },
    policyMigrationState: { type: String, enum: ['preMigration', 'migrationInProgress', 'migrationComplete'] },
    policyVersion: NSTR,
    reconfirmationInDays: { type: 'integer', minimum: 0, maximum: 730 },
    registrationEnforcement: NOBJ,
    authenticationMethodConfigurations: ARR,
  },
  true,
);

export const POLICY_BODY = {
  schema: { type: 'object', additionalProperties: true, description: 'The policy properties to change (beta also has its own).' },
};
export const CONFIGURATION_BODY = {
  schema: { type: 'object', additionalProperties: true, description: "Required: `@odata.type`, the configuration's derived type." },
};
