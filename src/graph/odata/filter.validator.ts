import { GraphErrors, type GraphException } from '../errors/graph.exception.js';
import { EDM_TYPE, isGuid, isInt32 } from './literals.js';
import type { FilterNode, FilterOp, Literal, ODataPropertySpec, ODataResourceSpec } from './odata.types.js';

const OPERATOR_KIND: Record<string, string> = {
  eq: 'Equal',
  ne: 'NotEqual',
  gt: 'GreaterThan',
  ge: 'GreaterThanOrEqual',
  lt: 'LessThan',
  le: 'LessThanOrEqual',
  in: 'In',
};

/** Checks every property, operator and literal of a parsed filter against the resource; throws 400 on the first problem. */
export function validateFilter(node: FilterNode, spec: ODataResourceSpec): void {
  switch (node.kind) {
    case 'and':
    case 'or':
      validateFilter(node.left, spec);
      validateFilter(node.right, spec);
      return;
    case 'not':
      validateFilter(node.operand, spec);
      return;
    case 'compare': {
      const prop = filterable(spec, node.property, node.op);
      if (node.value.type === 'null' && node.op !== 'eq' && node.op !== 'ne') throw unsupported(spec, node.property);
      checkLiteral(spec, node.property, prop, node.value, node.op);
      return;
    }
    case 'in': {
      const prop = filterable(spec, node.property, 'in');
      for (const v of node.values) checkLiteral(spec, node.property, prop, v, 'in');
      return;
    }
    case 'function': {
      const prop = filterable(spec, node.property, node.name);
      if (prop.type !== 'string' || node.value.type !== 'string') throw unsupported(spec, node.property);
      return;
    }
  }
}

export function propertyNotFound(spec: ODataResourceSpec, name: string): GraphException {
  return GraphErrors.unsupportedQuery(`Could not find a property named '${name}' on type 'microsoft.graph.${spec.resource}'.`);
}

/** Own properties only: `constructor` or `__proto__` in a query must not find anything. */
export function lookupProperty(spec: ODataResourceSpec, name: string): ODataPropertySpec | undefined {
  return Object.hasOwn(spec.properties, name) ? spec.properties[name] : undefined;
}

function filterable(spec: ODataResourceSpec, name: string, op: FilterOp): ODataPropertySpec {
  const prop = lookupProperty(spec, name);
  if (!prop) throw propertyNotFound(spec, name);
  if (!prop.filter?.includes(op)) throw unsupported(spec, name);
  return prop;
}

function unsupported(spec: ODataResourceSpec, name: string): GraphException {
  return GraphErrors.unsupportedQuery(`Unsupported or invalid query filter clause specified for property '${name}' of resource '${spec.resource}'.`);
}

function checkLiteral(spec: ODataResourceSpec, name: string, prop: ODataPropertySpec, lit: Literal, op: string): void {
  if (lit.type === 'null') return;
  const ok =
    lit.type === prop.type ||
    // Graph ids are strings on the wire, so a quoted GUID is fine for a guid property.
    (prop.type === 'guid' && lit.type === 'string' && isGuid(lit.value));
  if (!ok) {
    throw GraphErrors.unsupportedQuery(
      `A binary operator with incompatible types was detected. Found operand types '${EDM_TYPE[prop.type]}' and ` +
        `'${EDM_TYPE[lit.type]}' for operator kind '${OPERATOR_KIND[op]}'.`,
    );
  }
  if (lit.type === 'int' && !isInt32(lit.value)) {
    throw GraphErrors.unsupportedQuery(`The value of property '${name}' is out of range for type 'Edm.Int32'.`);
  }
}
