import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { toGraphError } from './graph-validation.pipe.js';
import { IsODataType } from './odata-type.decorator.js';

const TYPE = '#microsoft.graph.thing';

class Plain {
  @IsODataType(TYPE)
  '@odata.type'?: string;
}

class WithCode {
  @IsODataType(TYPE, { context: { graphCode: 'badRequest' } })
  '@odata.type'?: string;
}

const errorsOf = (cls: new () => object, body: object) => validateSync(plainToInstance(cls, body));

describe('IsODataType', () => {
  it.each([[{}], [{ '@odata.type': TYPE }]])('accepts %j', (body) => {
    expect(errorsOf(Plain, body)).toEqual([]);
    expect(errorsOf(WithCode, body)).toEqual([]);
  });

  it.each([['#microsoft.graph.other'], ['microsoft.graph.thing'], [null], [1]])('refuses %j', (value) => {
    const plain = toGraphError(errorsOf(Plain, { '@odata.type': value }));
    expect([plain.getStatus(), plain.code]).toEqual([400, 'Request_BadRequest']);
    expect(plain.message).toBe(`Invalid value specified for property '@odata.type': must be '${TYPE}'`);
    const coded = toGraphError(errorsOf(WithCode, { '@odata.type': value }));
    expect([coded.getStatus(), coded.code, coded.message]).toEqual([400, 'badRequest', plain.message]);
  });
});
