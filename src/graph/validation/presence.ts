import { applyDecorators } from '@nestjs/common';
import { ValidateBy, ValidateIf, type ValidationOptions } from 'class-validator';

/**
 * How a body property may be absent: the one meaning of "optional" and "nullable" in every module.
 *
 * - **optional** (the default): the property may be omitted. Omitted means "keep the stored value"
 *   on updates and "use the default" on creates.
 * - **required**: it must be sent (`'is required'`).
 * - **nullable**: `null` is accepted and clears the stored value. Without it, `null` is a 400
 *   (`'cannot be null'`), on optional properties too. A property is nullable only where Graph's
 *   type allows null (graph-metadata: no `!`) AND the resource lets a client clear it: Graph's CSDL
 *   declares almost every property nullable, yet `userPrincipalName`, `accountEnabled` or
 *   `isAvailable` can never be emptied (docs/choices.md "Hostile bodies").
 */
export interface Presence {
  required?: boolean;
  nullable?: boolean;
  /** The `error.code` of this property's workload (authentication methods answer `badRequest`); default `Request_BadRequest`. */
  graphCode?: string;
}

/** class-validator options carrying the workload's code to `toGraphError` (graph-validation.pipe.ts). */
export function ruleOptions(presence: Presence, message: string): ValidationOptions {
  return presence.graphCode ? { message, context: { graphCode: presence.graphCode } } : { message };
}

/**
 * The presence rules of a property; the value rules that follow it only ever see a real value
 * (not `undefined`, not `null`).
 */
export function Presence(presence: Presence): PropertyDecorator {
  const { required = false, nullable = false } = presence;
  return applyDecorators(
    // Skips every rule of the property for an allowed absence.
    ValidateIf((_o: object, v: unknown) => !((v === undefined && !required) || (v === null && nullable))),
    ValidateBy(
      {
        name: 'presence',
        validator: {
          validate: (v: unknown) => v !== undefined && v !== null,
          defaultMessage: (args) => (args?.value === null ? 'cannot be null' : 'is required'),
        },
      },
      presence.graphCode ? { context: { graphCode: presence.graphCode } } : {},
    ),
  );
}

/** The Swagger flags that say the same as the rules. */
export function apiPresence(presence: Presence): { required: boolean; nullable?: boolean } {
  return { required: presence.required ?? false, ...(presence.nullable ? { nullable: true } : {}) };
}
