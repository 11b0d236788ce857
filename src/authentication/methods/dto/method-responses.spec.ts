import type { Type } from '@nestjs/common';
import { METHOD_FAMILIES, type MethodKind, type RenderContext, type StoredMethod } from '../families/method-families.js';
import { PHONE_IDS } from '../families/method-ids.js';
import { AUTHENTICATION_METHOD_SCHEMA } from './methods-response.dto.js';

/** Swagger's own metadata keys (`@nestjs/swagger` constants): the documented properties, in order. */
const documented = (dto: Type<unknown>): string[] =>
  ((Reflect.getMetadata('swagger/apiModelPropertiesArray', dto.prototype) as string[]) ?? []).map((k) => k.slice(1));
const metadataOf = (dto: Type<unknown>, property: string) =>
  Reflect.getMetadata('swagger/apiModelProperties', dto.prototype, property) as { enum?: string[]; required?: boolean };

/** A stored method of each family with every field set, so `render` emits its full shape. */
const SAMPLES: Record<MethodKind, Record<string, unknown>> = {
  password: {},
  phone: { phoneNumber: '+1 5555551234', phoneType: 'mobile', smsSignInEnabledAt: '2024-01-01T00:00:00Z' },
  email: { emailAddress: 'kim@contoso.com' },
  temporaryAccessPass: { startDateTime: '2024-01-01T00:00:00Z', lifetimeInMinutes: 60, isUsableOnce: false },
  softwareOath: {},
  fido2: {
    displayName: 'key',
    aaGuid: 'cb69481e-8ff7-4039-93ec-0a2729a154a8',
    model: 'm',
    attestationCertificates: [],
    attestationLevel: 'attested',
    passkeyType: 'synced',
  },
  microsoftAuthenticator: { displayName: 'phone', deviceTag: 't', phoneAppVersion: '1', clientAppName: 'microsoftAuthenticator' },
  windowsHelloForBusiness: { displayName: 'pc', keyStrength: 'normal' },
  platformCredential: { displayName: 'mac', keyStrength: 'normal', platform: 'macOS' },
};

describe('method response DTOs (Swagger) match what the registry renders', () => {
  it.each(METHOD_FAMILIES.map((f) => [f.kind, f] as const))('%s', (_kind, family) => {
    const { item } = family.responses;
    expect(documented(item)).toEqual(['@odata.type', ...family.properties]);
    expect(metadataOf(item, '@odata.type').enum).toEqual([family.odataType]);

    for (const version of ['v1.0', 'beta'] as const) {
      const ctx: RenderContext = {
        version,
        now: new Date('2024-01-01T00:30:00Z'),
        maskPhones: false,
        smsNumberTaken: false,
        smsSignInAllowed: true,
        tapAllowed: true,
      };
      const stored: StoredMethod = { id: PHONE_IDS.mobile, kind: family.kind, properties: SAMPLES[family.kind], createdAt: new Date() };
      const rendered = Object.keys(family.render(stored, ctx));
      const required = documented(item).filter((p) => metadataOf(item, p).required !== false);
      expect(documented(item)).toEqual(expect.arrayContaining(rendered));
      expect(rendered).toEqual(expect.arrayContaining(required));
    }
  });

  it('the polymorphic item names every family by @odata.type', () => {
    expect(Object.keys(AUTHENTICATION_METHOD_SCHEMA.discriminator!.mapping!).sort()).toEqual(METHOD_FAMILIES.map((f) => f.odataType).sort());
    expect(AUTHENTICATION_METHOD_SCHEMA.anyOf).toHaveLength(METHOD_FAMILIES.length);
  });
});
