import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { batchQueue } from './batch-queue.ts';
import type { Db } from './client.ts';

/** A stand-in database: the queue only uses it as a key. */
const fakeDb = () => ({}) as unknown as Db;

/** A statement whose calls are recorded; `fail` decides per call what goes wrong. */
function recorder(fail: (inputs: number[]) => Error | 'short' | null) {
  const calls: number[][] = [];
  const statement = async (_db: Db, inputs: number[]): Promise<number[]> => {
    calls.push(inputs);
    await new Promise((resolve) => setTimeout(resolve, 5));
    const failure = fail(inputs);
    if (failure === 'short') return inputs.slice(1).map((n) => n * 10);
    if (failure) throw failure;
    return inputs.map((n) => n * 10);
  };
  return { calls, statement };
}

const refusal = (code: string) => Object.assign(new Error('refused'), { code });
const settle = (q: ReturnType<typeof batchQueue<number, number>>, db: Db, inputs: number[]) =>
  Promise.allSettled(inputs.map((n) => q.run(db, n)));

describe('batch queue', () => {
  it('runs alone when idle and together what arrives meanwhile, each answered with its own result', async () => {
    const { calls, statement } = recorder(() => null);
    const q = batchQueue(statement, { concurrency: 1, maxBatch: 3 });
    const db = fakeDb();
    const results = await settle(q, db, [1, 2, 3, 4, 5]);
    assert.deepEqual(calls, [[1], [2, 3, 4], [5]]);
    assert.deepEqual(
      results.map((r) => (r.status === 'fulfilled' ? r.value : null)),
      [10, 20, 30, 40, 50],
    );
    assert.deepEqual(q.stats(db), { statements: 3, inputs: 5, largest: 3, retriedAlone: 0 });
  });

  it('runs each input again alone when the database refused the joint statement', async () => {
    const { calls, statement } = recorder((inputs) => (inputs.includes(3) ? refusal('23503') : null));
    const q = batchQueue(statement, { concurrency: 1, maxBatch: 4 });
    const results = await settle(q, fakeDb(), [1, 2, 3, 4]);
    assert.deepEqual(calls.slice(0, 2), [[1], [2, 3, 4]]);
    assert.deepEqual(
      calls.slice(2).sort((a, b) => (a[0] ?? 0) - (b[0] ?? 0)),
      [[2], [3], [4]],
    );
    assert.deepEqual(
      results.map((r) => r.status),
      ['fulfilled', 'fulfilled', 'rejected', 'fulfilled'],
    );
  });

  it('never runs inputs again after a failure that may have come after the commit', async () => {
    for (const failure of [new Error('Connection terminated unexpectedly'), 'short'] as const) {
      const { calls, statement } = recorder((inputs) => (inputs.length > 1 ? failure : null));
      const q = batchQueue(statement, { concurrency: 1, maxBatch: 4 });
      const results = await settle(q, fakeDb(), [1, 2, 3, 4]);
      assert.deepEqual(calls, [[1], [2, 3, 4]], String(failure));
      assert.deepEqual(
        results.map((r) => r.status),
        ['fulfilled', 'rejected', 'rejected', 'rejected'],
      );
    }
  });
});
