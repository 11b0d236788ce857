import { principalFromClaims } from './claims.js';

const TID = '11111111-1111-4111-8111-111111111111';
const OID = 'AAAAAAAA-AAAA-4AAA-8AAA-AAAAAAAAAAAA';

describe('principalFromClaims', () => {
  it('classifies by idtyp first, then scp, then roles', () => {
    expect(principalFromClaims({ tid: TID, oid: OID, idtyp: 'app', scp: 'x' })?.kind).toBe('application');
    expect(principalFromClaims({ tid: TID, oid: OID, idtyp: 'user', roles: ['x'] })?.kind).toBe('delegated');
    expect(principalFromClaims({ tid: TID, oid: OID, scp: 'User.Read' })?.kind).toBe('delegated');
    expect(principalFromClaims({ tid: TID, oid: OID, roles: ['User.Read.All'] })?.kind).toBe('application');
  });

  it('lowercases ids, scopes and roles; splits scp on spaces', () => {
    const p = principalFromClaims({ tid: TID, oid: OID, scp: 'User.Read  Mail.Read', wids: ['62E90394-69F5-4237-9190-012177145E10'] })!;
    expect(p.objectId).toBe(OID.toLowerCase());
    expect([...p.scopes]).toEqual(['user.read', 'mail.read']);
    expect([...p.directoryRoles]).toEqual(['62e90394-69f5-4237-9190-012177145e10']);
  });

  it('an app token carries no scopes or directory roles, whatever it says', () => {
    const p = principalFromClaims({ tid: TID, oid: OID, idtyp: 'app', roles: ['A'], scp: 'B', wids: ['62e90394-69f5-4237-9190-012177145e10'] })!;
    expect(p.scopes.size).toBe(0);
    expect(p.directoryRoles.size).toBe(0);
    expect([...p.appRoles]).toEqual(['a']);
  });

  it('requires GUID tid and oid', () => {
    expect(principalFromClaims({ tid: 'contoso', oid: OID })).toBeUndefined();
    expect(principalFromClaims({ tid: TID })).toBeUndefined();
    expect(principalFromClaims({ tid: TID, oid: 42 })).toBeUndefined();
  });

  it('refuses control characters and lone surrogates in any text claim', () => {
    for (const bad of ['a\u0000b', 'a\nb', 'x\u007f', 'x\u0085', '\ud800x', 'x\udc00']) {
      expect(principalFromClaims({ tid: TID, oid: OID, scp: 'User.Read', upn: bad })).toBeUndefined();
      expect(principalFromClaims({ tid: TID, oid: OID, scp: 'User.Read', name: bad })).toBeUndefined();
      expect(principalFromClaims({ tid: TID, oid: OID, scp: 'User.Read', preferred_username: bad })).toBeUndefined();
      expect(principalFromClaims({ tid: TID, oid: OID, roles: ['ok', bad] })).toBeUndefined();
    }
    expect(principalFromClaims({ tid: TID, oid: OID, scp: 'User.Read', name: 'Zoë 😀 Ünal' })?.displayName).toBe('Zoë 😀 Ünal');
  });

  it('recognises personal Microsoft accounts', () => {
    expect(principalFromClaims({ tid: '9188040d-6c67-4c5b-b112-36a304b66dad', oid: OID, scp: 'User.Read' })?.isPersonalAccount).toBe(true);
  });
});
