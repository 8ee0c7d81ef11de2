import type { Db } from '../../db/client.ts';
import { type CreatedEvaluation, type NewEvaluation, insertEvaluations } from './evaluation.repo.ts';

/**
 * Group writing of new evaluations (those written outside a transaction).
 *
 * A new evaluation is written by one statement (`insertEvaluations`) that takes any number of
 * them. When many inspectors submit at once, much of what the database spends per statement is not
 * the rows but the statement around them — the round trip, binding, executor start-up, the
 * transaction and its commit — and the server spends a network write and a result parse on each.
 * So at most `concurrency` of these statements run at a time per database, and the evaluations that
 * arrive while they run wait and are written together by the next one (up to `maxBatch`). Unloaded,
 * an evaluation is written alone at once: nothing waits for a batch to fill.
 *
 * Together means all-or-nothing together: if the joint statement fails, each of its evaluations is
 * written again alone, so one that cannot be written fails only its own request and the others are
 * written as if they had come one by one.
 */

type Pending = {
  evaluation: NewEvaluation;
  resolve: (created: CreatedEvaluation) => void;
  reject: (err: unknown) => void;
};

export type WriteQueueOptions = {
  /** Statements writing new evaluations that run at once per database. */
  concurrency: number;
  /** Evaluations per statement at most. */
  maxBatch: number;
};

export const DEFAULT_WRITE_QUEUE: WriteQueueOptions = { concurrency: 4, maxBatch: 32 };

/** What a queue did, for tests and benchmarks. */
export type WriteQueueStats = {
  statements: number;
  evaluations: number;
  largest: number;
  retriedAlone: number;
};

type Queue = { options: WriteQueueOptions; running: number; waiting: Pending[]; stats: WriteQueueStats };

const queues = new WeakMap<Db, Queue>();

function queueOf(db: Db): Queue {
  let queue = queues.get(db);
  if (!queue) {
    queue = {
      options: DEFAULT_WRITE_QUEUE,
      running: 0,
      waiting: [],
      stats: { statements: 0, evaluations: 0, largest: 0, retriedAlone: 0 },
    };
    queues.set(db, queue);
  }
  return queue;
}

/** Sets how `db`'s new evaluations are grouped (tests, experiments). */
export function configureWriteQueue(db: Db, options: WriteQueueOptions): void {
  queueOf(db).options = {
    concurrency: Math.max(1, Math.trunc(options.concurrency)),
    maxBatch: Math.max(1, Math.trunc(options.maxBatch)),
  };
}

export function writeQueueStats(db: Db): WriteQueueStats {
  return { ...queueOf(db).stats };
}

/**
 * Writes a new evaluation as `insertEvaluations` does, through `db`'s queue: alone when no other
 * new evaluation is being written, otherwise together with those that arrived meanwhile.
 */
export function queueEvaluationInsert(db: Db, evaluation: NewEvaluation): Promise<CreatedEvaluation> {
  const queue = queueOf(db);
  return new Promise<CreatedEvaluation>((resolve, reject) => {
    queue.waiting.push({ evaluation, resolve, reject });
    pump(db, queue);
  });
}

function pump(db: Db, queue: Queue): void {
  while (queue.running < queue.options.concurrency && queue.waiting.length > 0) {
    const batch = queue.waiting.splice(0, queue.options.maxBatch);
    queue.running++;
    void write(db, queue.stats, batch).finally(() => {
      queue.running--;
      pump(db, queue);
    });
  }
}

async function write(db: Db, stats: WriteQueueStats, batch: Pending[]): Promise<void> {
  stats.statements++;
  stats.evaluations += batch.length;
  stats.largest = Math.max(stats.largest, batch.length);
  try {
    const created = await insertEvaluations(
      db,
      batch.map((p) => p.evaluation),
    );
    batch.forEach((pending, i) => {
      const row = created[i];
      if (row) pending.resolve(row);
      else pending.reject(new Error('evaluation insert returned nothing'));
    });
    return;
  } catch (err) {
    if (batch.length === 1) {
      batch[0]?.reject(err);
      return;
    }
  }
  // Nothing of the joint statement was written: each evaluation again, alone, for its own answer.
  stats.retriedAlone += batch.length;
  for (const pending of batch) {
    try {
      const [created] = await insertEvaluations(db, [pending.evaluation]);
      if (created) pending.resolve(created);
      else pending.reject(new Error('evaluation insert returned nothing'));
    } catch (err) {
      pending.reject(err);
    }
  }
}
