import 'reflect-metadata';
import type { ArgumentMetadata } from '@nestjs/common';
import { Type } from 'class-transformer';
import { ValidateNested } from 'class-validator';
import { GraphException } from '../errors/graph.exception.js';
import { GraphValidationPipe } from './graph-validation.pipe.js';
import { NoParametersDto } from './no-parameters.dto.js';
import { GraphBoolean, GraphEnum, GraphNested, GraphString, GraphStringList } from './properties.js';

class InnerDto {
  @GraphString({ required: true })
  name: string;
}

class ThingDto {
  @GraphString({ required: true })
  required: string;

  @GraphString({})
  optional?: string;

  @GraphString({ nullable: true, maxLength: 5 })
  clearable?: string | null;

  @GraphBoolean({ graphCode: 'badRequest' })
  flag?: boolean;

  @GraphEnum(['a', 'b'], { nullable: true })
  choice?: string | null;

  @GraphNested(() => InnerDto, {})
  inner?: InnerDto;

  @GraphStringList({ maxItems: 2, maxLength: 3 })
  phones?: string[];
}

/** A nested DTO declared with the libraries' decorators instead of GraphNested still validates. */
class LegacyDto {
  @ValidateNested()
  @Type(() => InnerDto)
  inner: InnerDto;
}

const pipe = new GraphValidationPipe();
const body = (metatype: ArgumentMetadata['metatype']): ArgumentMetadata => ({ type: 'body', metatype });
async function outcome(value: unknown, metatype: ArgumentMetadata['metatype'] = ThingDto) {
  try {
    return { accepted: await pipe.transform(value, body(metatype)) };
  } catch (e) {
    if (!(e instanceof GraphException)) throw e;
    return [e.getStatus(), e.code, e.message];
  }
}
const invalid = (property: string, message: string, code = 'Request_BadRequest') => [
  400,
  code,
  `Invalid value specified for property '${property}': ${message}`,
];

describe('one meaning of optional and nullable', () => {
  it('optional: may be omitted; nullable: null accepted', async () => {
    expect(await outcome({ required: 'x' })).toEqual({ accepted: expect.any(ThingDto) });
    expect(await outcome({ required: 'x', clearable: null, choice: null })).toEqual({ accepted: expect.objectContaining({ clearable: null, choice: null }) });
    expect(await outcome({ required: 'x', phones: [] })).toEqual({ accepted: expect.objectContaining({ phones: [] }) });
  });

  it.each([
    [{}, invalid('required', 'is required')],
    [{ required: null }, invalid('required', 'cannot be null')],
    [{ required: 'x', optional: null }, invalid('optional', 'cannot be null')],
    [{ required: 'x', flag: null }, invalid('flag', 'cannot be null', 'badRequest')],
    [{ required: 'x', inner: null }, invalid('inner', 'cannot be null')],
    [{ required: 'x', inner: {} }, invalid('inner.name', 'is required')],
    [{ required: 'x', inner: { name: null } }, invalid('inner.name', 'cannot be null')],
    [{ required: 'x', clearable: 'toolong' }, invalid('clearable', 'must be at most 5 characters')],
    [{ required: 'x', choice: 'c' }, invalid('choice', 'must be one of: a, b')],
    [{ required: 1 }, invalid('required', 'must be a string')],
    [{ required: 'x', flag: 'true' }, invalid('flag', 'must be a boolean (true or false)', 'badRequest')],
    [{ required: 'x', phones: null }, invalid('phones', 'cannot be null')],
    [{ required: 'x', phones: 'a' }, invalid('phones', 'must be an array of strings')],
    [{ required: 'x', phones: ['a', 1] }, invalid('phones', 'must be an array of strings')],
    [{ required: 'x', phones: ['a', 'b', 'c'] }, invalid('phones', 'must have at most 2 items')],
    [{ required: 'x', phones: ['abcd'] }, invalid('phones', 'items must be at most 3 characters')],
  ])('%j → %j', async (value, expected) => {
    expect(await outcome(value)).toEqual(expected);
  });
});

describe('unknown properties and NUL, before the libraries run', () => {
  const unknown = (path: string) => [400, 'Request_BadRequest', `Property '${path}' does not exist on this resource or cannot be set.`];

  it.each(['prototype', '__proto__', 'constructor', 'toString', ''])('refuses %j at the top and inside nested objects', async (name) => {
    expect(await outcome(JSON.parse(`{"required":"x",${JSON.stringify(name)}:{"a":1}}`))).toEqual(unknown(name));
    expect(await outcome(JSON.parse(`{"required":"x","inner":{"name":"n",${JSON.stringify(name)}:1}}`))).toEqual(unknown(`inner.${name}`));
  });

  it('names the first unknown property of many, shortened', async () => {
    const value: Record<string, unknown> = { required: 'x' };
    for (let i = 0; i < 9_000; i++) value[`${'k'.repeat(100)}${i}`] = i;
    expect(await outcome(value)).toEqual(unknown(`${'k'.repeat(64)}…`));
  });

  it('refuses NUL in any string, with the code of the property it sits in', async () => {
    const nul = (property: string, code = 'Request_BadRequest') => invalid(property, 'must not contain NUL characters (U+0000)', code);
    expect(await outcome({ required: 'a\u0000' })).toEqual(nul('required'));
    expect(await outcome({ required: 'x', inner: { name: '\u0000' } })).toEqual(nul('inner.name'));
    expect(await outcome({ required: 'x', flag: ['ok', 'a\u0000'] })).toEqual(nul('flag[1]', 'badRequest'));
  });

  it('refuses bodies that are not objects; no body at all is an empty object', async () => {
    for (const value of [null, [], 'x', 1]) {
      expect(await outcome(value)).toEqual([400, 'BadRequest', 'The request body must be a JSON object.']);
    }
    expect(await outcome(undefined)).toEqual(invalid('required', 'is required'));
  });

  it('an action without parameters takes no body or {} and refuses any property', async () => {
    expect(await outcome(undefined, NoParametersDto)).toEqual({ accepted: expect.any(NoParametersDto) });
    expect(await outcome({}, NoParametersDto)).toEqual({ accepted: expect.any(NoParametersDto) });
    expect(await outcome({ a: 1 }, NoParametersDto)).toEqual(unknown('a'));
  });

  it('a nested DTO without GraphNested still gets built and validated', async () => {
    expect(await outcome({ inner: { name: 'n' } }, LegacyDto)).toEqual({ accepted: expect.objectContaining({ inner: expect.any(InnerDto) }) });
    expect(await outcome({ inner: {} }, LegacyDto)).toEqual(invalid('inner.name', 'is required'));
  });

  it('a handler without a DTO still gets no prototype keys and no NUL', async () => {
    expect(await outcome(JSON.parse('{"a":{"__proto__":{"x":1}}}'), Object)).toEqual([
      400,
      'BadRequest',
      "The property 'a.__proto__' is not accepted in a request body.",
    ]);
    expect(await outcome({ a: 'b\u0000' }, Object)).toEqual(invalid('a', 'must not contain NUL characters (U+0000)'));
    expect(await outcome({ a: { b: 1 } }, Object)).toEqual({ accepted: { a: { b: 1 } } });
  });
});
