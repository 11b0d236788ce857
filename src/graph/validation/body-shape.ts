import { plainToInstance } from 'class-transformer';
import { getMetadataStorage, ValidationTypes } from 'class-validator';

/**
 * What a body DTO declares, for the checks every body gets before class-validator runs
 * (graph-validation.pipe.ts): unknown properties, at any depth, whatever their name (`__proto__`,
 * `constructor`, `prototype` included), and NUL characters in any string (Postgres text cannot hold
 * U+0000). One pass over the body, stopping at the first problem. Then the DTO instance is built
 * from the declared properties only (`toInstance`): class-transformer would walk every value, also
 * free-form ones sent where a string belongs, at 5-30 µs a key (quadratic per object).
 */
interface BodyShape {
  /** Declared property → the `error.code` its rules name (undefined: the directory's default). */
  readonly properties: ReadonlyMap<string, string | undefined>;
  /** Properties holding a nested DTO (GraphNested). */
  readonly nested: ReadonlyMap<string, () => Function>;
  /** A nested property declared without GraphNested (bare `@ValidateNested`): only class-transformer knows its type. */
  readonly untypedNested: boolean;
}

export type BodyProblem = { kind: 'unknown'; path: string } | { kind: 'pollution'; path: string } | { kind: 'nul'; path: string; graphCode?: string };

/** GraphNested records the DTO of each nested property here. */
export const NESTED_TYPES = {
  byClass: new WeakMap<Function, Map<string, () => Function>>(),
  register(cls: Function, property: string, type: () => Function): void {
    const own = this.byClass.get(cls) ?? new Map<string, () => Function>();
    own.set(property, type);
    this.byClass.set(cls, own);
  },
  /** Inherited ones included (DTOs extend shared bases). */
  of(cls: Function): Map<string, () => Function> {
    const all = new Map<string, () => Function>();
    for (let c: Function | null = cls; c && c !== Function.prototype; c = Object.getPrototypeOf(c) as Function | null) {
      for (const [property, type] of this.byClass.get(c) ?? []) if (!all.has(property)) all.set(property, type);
    }
    return all;
  },
};

const shapes = new WeakMap<Function, BodyShape>();

export function shapeOf(cls: Function): BodyShape {
  let shape = shapes.get(cls);
  if (!shape) {
    const properties = new Map<string, string | undefined>();
    const nestedProperties = new Set<string>();
    for (const m of getMetadataStorage().getTargetValidationMetadatas(cls, '', true, false)) {
      const code = (m.context as { graphCode?: string } | undefined)?.graphCode;
      if (!properties.has(m.propertyName) || (code && !properties.get(m.propertyName))) properties.set(m.propertyName, code);
      if (m.type === ValidationTypes.NESTED_VALIDATION) nestedProperties.add(m.propertyName);
    }
    const nested = NESTED_TYPES.of(cls);
    shape = { properties, nested, untypedNested: [...nestedProperties].some((p) => !nested.has(p)) };
    shapes.set(cls, shape);
  }
  return shape;
}

/** Keys that reach prototypes when a body is merged into another object; refused even where no DTO describes the body. */
const POLLUTION_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * The first unknown property or NUL-bearing string of `body` (a parsed JSON object), in key order.
 * Without a DTO (`cls` undefined: a handler taking the raw body) only prototype keys count as unknown.
 */
export function findBodyProblem(body: object, cls: Function | undefined): BodyProblem | undefined {
  return walkObject(body, cls ? shapeOf(cls) : undefined, '', undefined);
}

function walkObject(value: object, shape: BodyShape | undefined, prefix: string, inheritedCode: string | undefined): BodyProblem | undefined {
  for (const key of Object.keys(value)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (shape && !shape.properties.has(key)) return { kind: 'unknown', path };
    if (!shape && POLLUTION_KEYS.has(key)) return { kind: 'pollution', path };
    const code = shape?.properties.get(key) ?? inheritedCode;
    const nested = shape?.nested.get(key);
    const problem = walkValue((value as Record<string, unknown>)[key], nested ? shapeOf(nested()) : undefined, path, code);
    if (problem) return problem;
  }
  return undefined;
}

function walkValue(value: unknown, shape: BodyShape | undefined, path: string, code: string | undefined): BodyProblem | undefined {
  if (typeof value === 'string') return value.includes('\u0000') ? { kind: 'nul', path, graphCode: code } : undefined;
  if (typeof value !== 'object' || value === null) return undefined;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const problem = walkValue(value[i], shape, `${path}[${i}]`, code);
      if (problem) return problem;
    }
    return undefined;
  }
  return walkObject(value, shape, path, code);
}

/**
 * The DTO instance of a body `findBodyProblem` passed: declared properties copied as they are,
 * nested DTOs (GraphNested) built the same way; other values untouched, for the rules to judge.
 */
export function toInstance(value: object, cls: Function): object {
  const shape = shapeOf(cls);
  if (shape.untypedNested) return plainToInstance(cls as new () => object, value);
  const instance = new (cls as new () => Record<string, unknown>)();
  for (const key of shape.properties.keys()) {
    if (!Object.hasOwn(value, key)) continue;
    const v = (value as Record<string, unknown>)[key];
    const nested = shape.nested.get(key);
    instance[key] = nested ? nestedInstance(v, nested()) : v;
  }
  return instance;
}

function nestedInstance(value: unknown, cls: Function): unknown {
  if (Array.isArray(value)) return value.map((item) => nestedInstance(item, cls));
  return value !== null && typeof value === 'object' ? toInstance(value, cls) : value;
}
