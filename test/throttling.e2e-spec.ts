import { Get, Module } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { NOT_SUPPORTED } from '../src/auth/permissions/permission-table.js';
import { Permissions } from '../src/auth/permissions/permissions.decorator.js';
import { GraphController } from '../src/graph/graph-controller.decorator.js';
import { ThrottleService } from '../src/throttling/throttle.service.js';
import { startTestApp, type TestApp } from './support/app.js';
import { call } from './support/http.js';
import { application, delegated } from './support/tokens.js';

/** A cheap authorized route to spend budgets on. */
@GraphController('testThrottling', { tag: 'test' })
class ThrottleProbeController {
  @Get()
  @Permissions('test.GetProbe', 'probe', { delegated: ['Test.Read'], application: ['Test.Read.All'], personal: NOT_SUPPORTED })
  probe() {
    return { ok: true };
  }
}
@Module({ controllers: [ThrottleProbeController] })
class ThrottleProbeModule {}

const PATH = '/v1.0/testThrottling';
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Fresh tenant/app ids per call: suites share one Redis, so keys must never collide between runs. */
const appToken = (t: TestApp, tenantId: string, appId = randomUUID()) => application(t, ['Test.Read.All'], { tenantId, appId });

async function expect429(t: TestApp, token: string) {
  const res = await call(t, 'GET', PATH, { token, headers: { 'client-request-id': 'throttle-trace-1' } });
  expect(res.status).toBe(429);
  expect(res.headers.get('content-type')).toMatch(/^application\/json/);
  const retryAfter = Number(res.headers.get('retry-after'));
  expect(Number.isInteger(retryAfter)).toBe(true);
  expect(retryAfter).toBeGreaterThanOrEqual(1);
  expect(retryAfter).toBeLessThanOrEqual(10);
  expect(res.body.error.code).toBe('TooManyRequests');
  expect(res.body.error.message).toBe('Please retry again later.');
  expect(res.body.error.innerError).toMatchObject({ code: '429', status: '429', 'client-request-id': 'throttle-trace-1' });
  expect(res.body.error.innerError['request-id']).toMatch(GUID);
  expect(res.body.error.innerError['request-id']).toBe(res.headers.get('request-id'));
  return res;
}

async function expectOk(t: TestApp, token: string, times = 1) {
  for (let i = 0; i < times; i++) {
    const res = await call(t, 'GET', PATH, { token });
    expect(res.status).toBe(200);
  }
}

describe('throttling: per-tenant and per-caller budgets (in memory)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ THROTTLE_TENANT_PER_10S: '6', THROTTLE_CLIENT_PER_10S: '3' }, [ThrottleProbeModule]);
  });
  afterAll(() => t?.close());

  it('uses the in-memory store when REDIS_URL is unset', () => {
    expect(t.app.get(ThrottleService).store).toBe('memory');
  });

  it('a caller over its budget gets 429 TooManyRequests with Retry-After; other callers and tenants are unaffected', async () => {
    const tenant = randomUUID();
    const first = appToken(t, tenant);
    await expectOk(t, first, 3);
    await expect429(t, first);

    // Another app in the same tenant has its own caller budget (the tenant has spent 4 of 6).
    const second = appToken(t, tenant);
    await expectOk(t, second, 2);
    // Now the tenant budget is gone for everyone in it, even a fresh caller.
    await expect429(t, appToken(t, tenant));

    // Another tenant is untouched.
    await expectOk(t, appToken(t, randomUUID()), 3);
  });

  it('delegated callers are budgeted per user', async () => {
    const tenant = randomUUID();
    const alice = delegated(t, ['Test.Read'], [], { tenantId: tenant });
    const bob = delegated(t, ['Test.Read'], [], { tenantId: tenant });
    await expectOk(t, alice, 3);
    await expect429(t, alice);
    await expectOk(t, bob, 1);
  });

  it('runs after authentication: no token is still 401, and public routes are never counted', async () => {
    const res = await call(t, 'GET', PATH);
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('InvalidAuthenticationToken');
    for (let i = 0; i < 10; i++) expect((await call(t, 'GET', '/health')).status).toBe(200);
  });

  it('runs after the permission check: a forbidden call is 403 and spends nothing', async () => {
    const tenant = randomUUID();
    const appId = randomUUID();
    const noRoles = application(t, [], { tenantId: tenant, appId });
    for (let i = 0; i < 5; i++) expect((await call(t, 'GET', PATH, { token: noRoles })).status).toBe(403);
    await expectOk(t, appToken(t, tenant, appId), 3);
  });
});

describe('throttling: 0 disables a budget', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ THROTTLE_TENANT_PER_10S: '0', THROTTLE_CLIENT_PER_10S: '0' }, [ThrottleProbeModule]);
  });
  afterAll(() => t?.close());

  it('never answers 429', async () => {
    expect(t.app.get(ThrottleService).store).toBe('off');
    const token = appToken(t, randomUUID());
    const statuses = await Promise.all(Array.from({ length: 40 }, () => call(t, 'GET', PATH, { token }).then((r) => r.status)));
    expect(new Set(statuses)).toEqual(new Set([200]));
  });
});

describe('throttling: Redis unreachable fails open', () => {
  let t: TestApp;
  beforeAll(async () => {
    // Nothing listens on port 1: every Redis command fails at once.
    t = await startTestApp({ REDIS_URL: 'redis://127.0.0.1:1', THROTTLE_TENANT_PER_10S: '100', THROTTLE_CLIENT_PER_10S: '3' }, [ThrottleProbeModule]);
  });
  afterAll(() => t?.close());

  it('serves requests (no 500) and still enforces budgets per instance', async () => {
    expect(t.app.get(ThrottleService).store).toBe('redis');
    const token = appToken(t, randomUUID());
    await expectOk(t, token, 3);
    await expect429(t, token);
  });
});

/**
 * Several instances, one budget. With TEST_REDIS_URL (CI sets it) both instances share it through
 * Redis; without it, each instance has its own memory budget, and that is asserted instead.
 */
describe(`throttling: two instances (${process.env.TEST_REDIS_URL ? 'Redis' : 'in-memory'})`, () => {
  const redisUrl = process.env.TEST_REDIS_URL;
  let a: TestApp;
  let b: TestApp;
  beforeAll(async () => {
    const env = { THROTTLE_TENANT_PER_10S: '100', THROTTLE_CLIENT_PER_10S: '4', ...(redisUrl ? { REDIS_URL: redisUrl } : {}) };
    a = await startTestApp(env, [ThrottleProbeModule]);
    // Same database, so B accepts the tokens A's issuer mints (signing keys live in Postgres).
    b = await startTestApp(env, [ThrottleProbeModule], { databaseUrl: a.db.url });
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
  });

  it(redisUrl ? 'spend from one shared budget' : 'each keep their own budget', async () => {
    expect(a.app.get(ThrottleService).store).toBe(redisUrl ? 'redis' : 'memory');
    const token = appToken(a, randomUUID());
    await expectOk(a, token, 2);
    await expectOk(b, token, 2);
    if (redisUrl) {
      await expect429(a, token);
      await expect429(b, token);
    } else {
      await expectOk(a, token, 2);
      await expect429(a, token);
      await expectOk(b, token, 2);
      await expect429(b, token);
    }
  });
});
