import { DocumentSchema } from '../../conditional-access/schema/document-schema.js';
import { metadataContext, type GraphCall } from '../../graph/graph-call.js';
import { POLICY_DESCRIPTION, POLICY_DISPLAY_NAME, POLICY_ID, POLICY_VERSION } from './policy-defaults.js';
import { shapeOf, type ConfigurationState, type PolicySnapshot } from './policy-snapshot.js';

type Json = Record<string, unknown>;

export const POLICY_PATH = 'policies/authenticationMethodsPolicy';
export const CONFIGURATIONS_PATH = `${POLICY_PATH}/authenticationMethodConfigurations`;
const READ = { includeUnknownEnumMembers: false };

const graphDateTime = (d: Date) => d.toISOString().replace('.000Z', 'Z');

/**
 * Graph JSON of a configuration in the called version (its type's properties only, in Graph's order),
 * `includeTargets` inline with its own context as Graph writes it; undefined when the version lacks the type.
 */
export function renderConfiguration(call: GraphCall, state: ConfigurationState): Json | undefined {
  const shape = shapeOf(state, call.version);
  if (!shape) return undefined;
  const schema = DocumentSchema.of(call.version);
  const { includeTargets, ...props } = state.document;
  return {
    '@odata.type': `#microsoft.graph.${shape.type}`,
    ...(schema.read({ ...props, id: state.id }, shape.type, READ) as Json),
    'includeTargets@odata.context': metadataContext(call, `${CONFIGURATIONS_PATH}('${state.id}')/microsoft.graph.${shape.type}/includeTargets`),
    includeTargets: ((includeTargets as Json[] | undefined) ?? []).map((t) => schema.read(t, shape.targetType, READ)),
  };
}

export function renderConfigurations(call: GraphCall, snapshot: PolicySnapshot): Json[] {
  return snapshot.configurations.map((c) => renderConfiguration(call, c)).filter((c): c is Json => c !== undefined);
}

/** The policy with its configurations inline (graph-spec-ca-root §6.1), as GET and PATCH answer. */
export function renderPolicy(call: GraphCall, snapshot: PolicySnapshot): Json {
  const schema = DocumentSchema.of(call.version);
  const fixed = {
    id: POLICY_ID,
    displayName: POLICY_DISPLAY_NAME,
    description: POLICY_DESCRIPTION,
    lastModifiedDateTime: graphDateTime(snapshot.lastModifiedAt),
    policyVersion: POLICY_VERSION,
  };
  return {
    '@odata.context': metadataContext(call, POLICY_PATH),
    ...(schema.read({ ...snapshot.document, ...fixed }, 'authenticationMethodsPolicy', READ) as Json),
    'authenticationMethodConfigurations@odata.context': metadataContext(call, CONFIGURATIONS_PATH),
    authenticationMethodConfigurations: renderConfigurations(call, snapshot),
  };
}
