import { applyDecorators } from '@nestjs/common';
import { ApiBody } from '@nestjs/swagger';

/**
 * The body of an action that takes no parameters (enableSmsSignIn, disableSmsSignIn): none, or
 * `{}`. Any property is a 400, as for every other body (graph-validation.pipe.ts). Handlers take
 * `@Body() _none: NoParametersDto` and carry `@NoParameters()` for the docs.
 */
export class NoParametersDto {}

/** OpenAPI: the body is optional and, when sent, an empty object. */
export const NoParameters = () =>
  applyDecorators(
    ApiBody({
      required: false,
      description: 'None: the action takes no parameters (an empty body or `{}`).',
      schema: { type: 'object', additionalProperties: false, maxProperties: 0 },
    }),
  );
