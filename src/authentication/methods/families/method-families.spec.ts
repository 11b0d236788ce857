import { isStrongPassword } from '../../../users/dto/user-fields.decorators.js';
import { methodPermissions } from '../../authentication.permissions.js';
import { generatePassword } from '../../password-reset/password-reset.service.js';
import { generatePass } from '../temporary-access-pass.service.js';
import { tapUsability } from './method-families.js';
import { maskPhoneNumber } from './phone-mask.js';

describe('maskPhoneNumber', () => {
  it.each([
    ['+1 5555551234', '+1 XXXXXXXX34'],
    ['+44 2079460000x12', '+44 XXXXXXXXXXx12'],
    ['+358 12', '+358 12'],
  ])('%s → %s', (input, masked) => expect(maskPhoneNumber(input)).toBe(masked));
});

describe('tapUsability', () => {
  const start = '2024-01-01T00:00:00Z';
  it.each([
    ['2023-12-31T23:59:59Z', 'NotYetValid', false],
    ['2024-01-01T00:00:00Z', 'EnabledByPolicy', true],
    ['2024-01-01T00:59:59Z', 'EnabledByPolicy', true],
    ['2024-01-01T01:00:00Z', 'Expired', false],
  ])('at %s: %s', (now, reason, usable) => expect(tapUsability(start, 60, new Date(now))).toEqual({ isUsable: usable, methodUsabilityReason: reason }));
  it('a pass the policy no longer allows is DisabledByPolicy, whatever the clock says', () =>
    expect(tapUsability(start, 60, new Date('2024-01-01T00:30:00Z'), false)).toEqual({ isUsable: false, methodUsabilityReason: 'DisabledByPolicy' }));
});

describe('generated secrets', () => {
  it('passwords always meet the policy; passes have the asked length', () => {
    for (let i = 0; i < 200; i++) expect(isStrongPassword(generatePassword())).toBe(true);
    expect(generatePass(12)).toHaveLength(12);
  });
});

describe('methodPermissions', () => {
  it('reads: broad and granular names, self and other, reader roles', () => {
    expect(methodPermissions('Phone', 'read')).toEqual({
      delegatedSelf: [
        'UserAuthMethod-Phone.Read',
        'UserAuthMethod-Phone.ReadWrite',
        'UserAuthMethod-Phone.Read.All',
        'UserAuthMethod-Phone.ReadWrite.All',
        'UserAuthenticationMethod.Read',
        'UserAuthenticationMethod.ReadWrite',
        'UserAuthenticationMethod.Read.All',
        'UserAuthenticationMethod.ReadWrite.All',
      ],
      delegated: [
        'UserAuthMethod-Phone.Read.All',
        'UserAuthMethod-Phone.ReadWrite.All',
        'UserAuthenticationMethod.Read.All',
        'UserAuthenticationMethod.ReadWrite.All',
      ],
      application: [
        'UserAuthMethod-Phone.Read.All',
        'UserAuthMethod-Phone.ReadWrite.All',
        'UserAuthenticationMethod.Read.All',
        'UserAuthenticationMethod.ReadWrite.All',
      ],
      personal: 'notSupported',
      roles: ['Global Reader', 'Authentication Administrator', 'Privileged Authentication Administrator'],
    });
  });

  it('a self-service limit refuses self with a reason', () => {
    const table = methodPermissions('Email', 'write', { selfWrite: false, selfNotSupportedReason: 'no' });
    expect(table.delegatedSelf).toBe('notSupported');
    expect(table.selfNotSupportedReason).toBe('no');
    expect(table.roles).toEqual(['Authentication Administrator', 'Privileged Authentication Administrator']);
  });
});
