import { Param, type PipeTransform } from '@nestjs/common';
import { ApiParam } from '@nestjs/swagger';
import { GraphErrors } from '../../graph/errors/graph.exception.js';
import { ACR_ID_PATTERN } from './dto/accr-validation.decorators.js';

/** The URL's `{id}` must be a slot name: anything else is 400, before any database work. */
class AcrIdPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!ACR_ID_PATTERN.test(value)) {
      const shown = value.slice(0, 64);
      throw GraphErrors.invalidProperty(
        `Invalid value specified for property 'id' of resource 'authenticationContextClassReference': ` + `'${shown}' is not one of 'c1' through 'c25'.`,
      );
    }
    return value;
  }
}

/** Handler parameter for `…/authenticationContextClassReferences/:id`: validated, and documented in Swagger. */
export function AcrIdParam(): ParameterDecorator {
  return (target, key, index) => {
    Param('id', new AcrIdPipe())(target, key, index);
    const method = key === undefined ? undefined : Object.getOwnPropertyDescriptor(target, key);
    if (method) {
      ApiParam({
        name: 'id',
        description: 'The authentication context: `c1` through `c25` (lowercase).',
        schema: { type: 'string', pattern: ACR_ID_PATTERN.source },
      })(target, key!, method);
    }
  };
}
