import { elementType, enumMembers, propertiesOf } from '../../../graph/openapi/graph-metadata.js';
import { shortGraphType } from '../../../graph/openapi/graph-schemas.js';
import { METHOD_FAMILIES } from './method-families.js';

describe('fixture fields of the method families', () => {
  it("accept only members of Graph's enum for that property (either version)", () => {
    let checked = 0;
    for (const family of METHOD_FAMILIES) {
      const type = shortGraphType(family.odataType);
      for (const [name, field] of Object.entries(family.fixtureFields)) {
        if (!field.enum) continue;
        const members = new Set(
          (['v1.0', 'beta'] as const).flatMap((v) => {
            const graphType = propertiesOf(v, type)[name];
            return graphType ? (enumMembers(v, elementType(graphType)) ?? []) : [];
          }),
        );
        if (members.size === 0) continue; // a string property with a pattern of our own (phoneType ids)
        checked++;
        expect({ family: family.segment, name, extra: field.enum.filter((m) => !members.has(m)) }).toEqual({ family: family.segment, name, extra: [] });
      }
    }
    expect(checked).toBeGreaterThan(4);
  });
});
