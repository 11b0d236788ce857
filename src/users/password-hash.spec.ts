import { hashPassword, verifyPassword } from './password-hash.js';

describe('password hashes', () => {
  it('are salted scrypt PHC strings that verify only the right password', async () => {
    const a = await hashPassword('Str0ng!Passw0rd');
    const b = await hashPassword('Str0ng!Passw0rd');
    expect(a).toMatch(/^\$scrypt\$ln=15,r=8,p=1\$[A-Za-z0-9+/]{22}==\$[A-Za-z0-9+/]{43}=$/);
    expect(a).not.toBe(b);
    expect(a).not.toContain('Str0ng');
    expect(await verifyPassword(a, 'Str0ng!Passw0rd')).toBe(true);
    expect(await verifyPassword(a, 'str0ng!Passw0rd')).toBe(false);
    expect(await verifyPassword(a, '')).toBe(false);
  });

  it('answers false for a missing or foreign hash, after the same work', async () => {
    expect(await verifyPassword(null, 'x')).toBe(false);
    expect(await verifyPassword('$2b$10$abcdefghijklmnopqrstuv', 'x')).toBe(false);
    expect(await verifyPassword('$scrypt$ln=40,r=8,p=1$AAAA$AAAA', 'x')).toBe(false);
  });

  it('treats canonically equivalent Unicode the same (NFC)', async () => {
    const hash = await hashPassword('Caf\u00e9!Passw0rd');
    expect(await verifyPassword(hash, 'Cafe\u0301!Passw0rd')).toBe(true);
  });
});
