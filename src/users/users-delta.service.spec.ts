import type { Principal } from '../auth/principal.js';
import type { GraphCall } from '../graph/graph-call.js';
import { UsersDeltaService } from './users-delta.service.js';
import type { UserChange, UsersRepository } from './users.repository.js';

const principal = { tenantId: 't' } as Principal;
const row = (n: number) => ({
  id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
  displayName: `U${n}`,
  userPrincipalName: `u${n}@c.test`,
  mail: null,
  mailNickname: null,
  givenName: null,
  surname: null,
  accountEnabled: true,
  businessPhones: [],
  jobTitle: null,
  mobilePhone: null,
  officeLocation: null,
  preferredLanguage: null,
});

/** A fake change log: 450 users written, then one deleted; the service asks for pages after a change number. */
const LOG: UserChange[] = [...Array.from({ length: 450 }, (_, i) => ({ seq: BigInt(i + 1), user: row(i + 1) })), { seq: 451n, deletedId: row(7).id }];
const calls: { after: string; withDeletions: boolean }[] = [];
const repo = {
  changesSince: async (_t: string, after: string, limit: number, withDeletions: boolean) => {
    calls.push({ after, withDeletions });
    return LOG.filter((c) => c.seq > BigInt(after) && (withDeletions || c.user)).slice(0, limit);
  },
} as unknown as UsersRepository;

const callOf = (query: Record<string, unknown>): GraphCall => ({
  version: 'v1.0',
  baseUrl: 'https://g/v1.0',
  requestUrl: 'https://g/v1.0/users/delta',
  query,
});
const queryOf = (link: string) => Object.fromEntries(new URL(link).searchParams);

describe('users delta rounds', () => {
  const service = new UsersDeltaService(repo);

  it('pages the initial round by change number, keeps $select in the tokens, then ends with a deltaLink', async () => {
    const first = await service.delta(principal, callOf({ $select: 'displayName' }));
    expect(first.value).toHaveLength(200);
    expect(first.value[0]).toEqual({ id: row(1).id, displayName: 'U1' });
    expect(first['@odata.context']).toBe('https://g/v1.0/$metadata#users(displayName)');
    const next = (first as { '@odata.nextLink': string })['@odata.nextLink'];
    expect(next).toMatch(/^https:\/\/g\/v1\.0\/users\/delta\(\)\?\$skiptoken=/);

    const second = await service.delta(principal, callOf(queryOf(next)));
    expect(second.value[0]).toEqual({ id: row(201).id, displayName: 'U201' });
    const third = await service.delta(principal, callOf(queryOf((second as { '@odata.nextLink': string })['@odata.nextLink'])));
    expect(third.value).toHaveLength(50);
    // The initial round does not report deletions that happened before it.
    expect(calls.slice(0, 3).every((c) => !c.withDeletions)).toBe(true);
    const deltaLink = (third as { '@odata.deltaLink': string })['@odata.deltaLink'];
    expect(deltaLink).toMatch(/\?\$deltatoken=/);

    const changes = await service.delta(principal, callOf(queryOf(deltaLink)));
    expect(calls[3]).toEqual({ after: '450', withDeletions: true });
    expect(changes.value).toEqual([{ '@odata.type': '#microsoft.graph.user', id: row(7).id, '@removed': { reason: 'deleted' } }]);
  });

  it.each([
    [{ $deltatoken: 'not-base64-json' }],
    [{ $deltatoken: Buffer.from(JSON.stringify({ s: '-1', i: 0 })).toString('base64url') }],
    [{ $deltatoken: Buffer.from(JSON.stringify({ s: '1', i: 0, sel: ['password'] })).toString('base64url') }],
    [{ $skiptoken: Buffer.from(JSON.stringify({ s: '1', i: 1 })).toString('base64url'), $select: 'id' }],
    [{ $top: '5' }],
  ])('refuses %j with a 400', async (query) => {
    await expect(service.delta(principal, callOf(query))).rejects.toMatchObject({ status: 400 });
  });
});
