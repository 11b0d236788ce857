import type { UserRef } from '../../users/user-ref.js';
import { DIRECTORY_ROLES, PERSONAL_ACCOUNT_TENANT } from '../directory-roles.js';
import type { Principal } from '../principal.js';
import { evaluatePermissions } from './evaluate.js';
import { NOT_SUPPORTED, type PermissionTable } from './permission-table.js';

const principal = (
  p: Omit<Partial<Principal>, 'scopes' | 'appRoles' | 'directoryRoles'> & { scopes?: string[]; appRoles?: string[]; roles?: string[] },
): Principal => ({
  kind: 'delegated',
  tenantId: '11111111-1111-4111-8111-111111111111',
  objectId: 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa',
  acrs: [],
  clientCapabilities: new Set(),
  isPersonalAccount: false,
  expiresAt: 0,
  ...p,
  scopes: new Set((p.scopes ?? []).map((s) => s.toLowerCase())),
  appRoles: new Set((p.appRoles ?? []).map((s) => s.toLowerCase())),
  directoryRoles: new Set(p.roles ?? []),
});

const TENANT_WIDE: PermissionTable = {
  delegated: ['Policy.ReadWrite.ConditionalAccess'],
  application: ['Policy.ReadWrite.ConditionalAccess'],
  personal: NOT_SUPPORTED,
  roles: ['Conditional Access Administrator'],
};

const USER_SCOPED: PermissionTable = {
  delegated: ['UserAuthenticationMethod.ReadWrite.All'],
  delegatedSelf: NOT_SUPPORTED,
  application: ['UserAuthenticationMethod.ReadWrite.All'],
  personal: NOT_SUPPORTED,
  roles: ['Authentication Administrator'],
  selfNotSupportedReason: 'Users cannot add this method to their own account.',
};

const me: UserRef = { isMe: true, key: 'x', isSelf: true };
const other: UserRef = { isMe: false, key: 'someone', isSelf: false };
const outcome = (e: ReturnType<typeof evaluatePermissions>) => (e ? `${e.getStatus()} ${e.code}` : 'allowed');

describe('evaluatePermissions', () => {
  it('allows a delegated caller with scope and role, scope names compared case-insensitively', () => {
    const p = principal({ scopes: ['policy.readwrite.conditionalaccess'], roles: [DIRECTORY_ROLES['Conditional Access Administrator']] });
    expect(outcome(evaluatePermissions(TENANT_WIDE, p, undefined))).toBe('allowed');
  });

  it('an entry `A and B` needs both permissions (Graph prints such pairs)', () => {
    const pair: PermissionTable = {
      delegated: ['AppRoleAssignment.ReadWrite.All and Application.Read.All'],
      application: ['AppRoleAssignment.ReadWrite.All and Application.Read.All', 'AppRoleAssignment.ReadWrite.All and Directory.Read.All'],
      personal: NOT_SUPPORTED,
    };
    const app = (roles: string[]) => outcome(evaluatePermissions(pair, principal({ kind: 'application', appRoles: roles }), undefined));
    expect(app(['AppRoleAssignment.ReadWrite.All'])).toBe('403 Authorization_RequestDenied');
    expect(app(['Application.Read.All'])).toBe('403 Authorization_RequestDenied');
    expect(app(['approleassignment.readwrite.all', 'Directory.Read.All'])).toBe('allowed');
    expect(outcome(evaluatePermissions(pair, principal({ scopes: ['AppRoleAssignment.ReadWrite.All', 'Application.Read.All'] }), undefined))).toBe('allowed');
  });

  it('Global Administrator passes every role requirement', () => {
    const p = principal({ scopes: ['Policy.ReadWrite.ConditionalAccess'], roles: [DIRECTORY_ROLES['Global Administrator']] });
    expect(outcome(evaluatePermissions(TENANT_WIDE, p, undefined))).toBe('allowed');
  });

  it('refuses a scope without the role, and a role without the scope', () => {
    expect(outcome(evaluatePermissions(TENANT_WIDE, principal({ scopes: ['Policy.ReadWrite.ConditionalAccess'] }), undefined))).toBe(
      '403 Authorization_RequestDenied',
    );
    expect(outcome(evaluatePermissions(TENANT_WIDE, principal({ roles: [DIRECTORY_ROLES['Global Administrator']] }), undefined))).toBe(
      '403 Authorization_RequestDenied',
    );
  });

  it("answers a table's own 403 code for scope and role failures (the CA workload's AccessDenied), never for personal accounts", () => {
    const ca: PermissionTable = { ...TENANT_WIDE, deniedCode: 'AccessDenied' };
    expect(outcome(evaluatePermissions(ca, principal({ scopes: ['Policy.ReadWrite.ConditionalAccess'] }), undefined))).toBe('403 AccessDenied');
    expect(outcome(evaluatePermissions(ca, principal({ roles: [DIRECTORY_ROLES['Global Administrator']] }), undefined))).toBe('403 AccessDenied');
    expect(outcome(evaluatePermissions(ca, principal({ kind: 'application', appRoles: ['Policy.Read.All'] }), undefined))).toBe('403 AccessDenied');
    const personal = principal({ tenantId: PERSONAL_ACCOUNT_TENANT, isPersonalAccount: true, scopes: ['Policy.ReadWrite.ConditionalAccess'] });
    expect(outcome(evaluatePermissions(ca, personal, undefined))).toBe('403 Authorization_RequestDenied');
    expect(evaluatePermissions(ca, principal({}), undefined)?.message).toBe(
      'You cannot perform the requested operation, required scopes are missing in the token.',
    );
  });

  it('refuses personal accounts before anything else', () => {
    const p = principal({
      tenantId: PERSONAL_ACCOUNT_TENANT,
      isPersonalAccount: true,
      scopes: ['Policy.ReadWrite.ConditionalAccess'],
      roles: [DIRECTORY_ROLES['Global Administrator']],
    });
    const e = evaluatePermissions(TENANT_WIDE, p, undefined);
    expect(outcome(e)).toBe('403 Authorization_RequestDenied');
    expect(e?.message).toContain('Personal Microsoft accounts');
  });

  it('applications need an app role; /me is then 400, and only then', () => {
    expect(outcome(evaluatePermissions(USER_SCOPED, principal({ kind: 'application' }), me))).toBe('403 Authorization_RequestDenied');
    const app = principal({ kind: 'application', appRoles: ['UserAuthenticationMethod.ReadWrite.All'] });
    expect(outcome(evaluatePermissions(USER_SCOPED, app, me))).toBe('400 BadRequest');
    expect(outcome(evaluatePermissions(USER_SCOPED, app, other))).toBe('allowed');
  });

  it('self-service that Graph refuses is 403 accessDenied with the reason, even for admins', () => {
    const admin = principal({ scopes: ['UserAuthenticationMethod.ReadWrite.All'], roles: [DIRECTORY_ROLES['Global Administrator']] });
    const e = evaluatePermissions(USER_SCOPED, admin, me);
    expect(outcome(e)).toBe('403 accessDenied');
    expect(e?.message).toBe('Users cannot add this method to their own account.');
    expect(outcome(evaluatePermissions(USER_SCOPED, admin, other))).toBe('allowed');
  });

  it('self tables need no directory role', () => {
    const table: PermissionTable = { ...USER_SCOPED, delegatedSelf: ['UserAuthenticationMethod.Read'] };
    expect(outcome(evaluatePermissions(table, principal({ scopes: ['UserAuthenticationMethod.Read'] }), me))).toBe('allowed');
    expect(outcome(evaluatePermissions(table, principal({ scopes: ['UserAuthenticationMethod.Read'] }), other))).toBe('403 Authorization_RequestDenied');
  });

  it('a table that says Not supported for applications refuses every app', () => {
    const table: PermissionTable = { ...USER_SCOPED, application: NOT_SUPPORTED };
    const app = principal({ kind: 'application', appRoles: ['UserAuthenticationMethod.ReadWrite.All'] });
    expect(outcome(evaluatePermissions(table, app, other))).toBe('403 Authorization_RequestDenied');
  });
});
