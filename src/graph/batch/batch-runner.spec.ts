import type { PlannedRequest } from './batch-plan.js';
import { runBatch, type BatchResponseItem } from './batch-runner.js';

const req = (id: string, dependsOn: number[] = []): PlannedRequest => ({ id, method: 'GET', url: `/v1.0/${id}`, headers: {}, dependsOn });
const item = (id: string, status: number): BatchResponseItem => ({ id, status, headers: {} });

describe('runBatch', () => {
  it('runs independent requests at most `concurrency` at a time', async () => {
    let running = 0;
    let peak = 0;
    const plan = Array.from({ length: 10 }, (_, i) => req(String(i)));
    const results = await runBatch(plan, {
      concurrency: 3,
      signal: new AbortController().signal,
      dispatch: async (r) => {
        peak = Math.max(peak, ++running);
        await new Promise((resolve) => setImmediate(resolve));
        running--;
        return item(r.id, 200);
      },
      failedDependency: (r) => item(r.id, 424),
    });
    expect(peak).toBe(3);
    expect(results.map((r) => r?.id)).toEqual(plan.map((r) => r.id));
  });

  it('runs a dependent request after its dependency, and answers 424 without running it when that failed', async () => {
    const order: string[] = [];
    const plan = [req('a'), req('b', [0]), req('c', [1]), req('d', [2]), req('e')];
    const results = await runBatch(plan, {
      concurrency: 4,
      signal: new AbortController().signal,
      dispatch: async (r) => {
        order.push(r.id);
        return item(r.id, r.id === 'b' ? 404 : 200);
      },
      failedDependency: (r, dep) => item(`${r.id}<-${dep.id}`, 424),
    });
    expect(order.indexOf('b')).toBeGreaterThan(order.indexOf('a'));
    expect(order).not.toContain('c');
    expect(order).not.toContain('d');
    expect(results.map((r) => `${r?.id}:${r?.status}`)).toEqual(['a:200', 'b:404', 'c<-b:424', 'd<-c:424', 'e:200']);
  });

  it('dispatches nothing more once the client has gone', async () => {
    const gone = new AbortController();
    const dispatched: string[] = [];
    const plan = [req('1'), req('2', [0]), req('3', [1]), req('4')];
    const results = await runBatch(plan, {
      concurrency: 1,
      signal: gone.signal,
      dispatch: async (r) => {
        dispatched.push(r.id);
        gone.abort();
        return item(r.id, 200);
      },
      failedDependency: (r) => item(r.id, 424),
    });
    expect(dispatched).toEqual(['1']);
    expect(results.filter(Boolean).map((r) => r?.id)).toEqual(['1']);
  });
});
