import { type Db, isDatabaseRefusal } from './client.ts';

/**
 * Group execution of one kind of statement that takes any number of inputs (e.g. "write these new
 * evaluations", "read these creation contexts") and answers one result per input, in order.
 *
 * When many requests run it at once, much of what the database spends per statement is not the
 * rows but the statement around them — the round trip, binding, executor start-up, the transaction
 * and its commit — and the server spends a network write and a result parse on each. So at most
 * `concurrency` of these statements run at a time per database, and the inputs that arrive while
 * they run wait and go together into the next one (up to `maxBatch`). Unloaded, an input runs alone
 * at once: nothing waits for a batch to fill.
 *
 * Together means all-or-nothing together: if the database refuses the joint statement (nothing of
 * it took effect), each of its inputs runs again alone, so one that cannot be done fails only its
 * own caller and the others are done as if they had come one by one. Any other failure (a lost
 * connection, which may come after the commit) fails every caller rather than risk doing anything
 * twice; so does a statement answering another number of results than inputs.
 */

export type BatchQueueOptions = {
  /** Statements of this kind that run at once per database. */
  concurrency: number;
  /** Inputs per statement at most. */
  maxBatch: number;
};

/** What a queue did, for tests and benchmarks. */
export type BatchQueueStats = { statements: number; inputs: number; largest: number; retriedAlone: number };

type Pending<In, Out> = { input: In; resolve: (out: Out) => void; reject: (err: unknown) => void };

type State<In, Out> = {
  options: BatchQueueOptions;
  running: number;
  waiting: Pending<In, Out>[];
  stats: BatchQueueStats;
};

export type BatchQueue<In, Out> = {
  /** Runs `input` through `db`'s queue. */
  run: (db: Db, input: In) => Promise<Out>;
  configure: (db: Db, options: BatchQueueOptions) => void;
  stats: (db: Db) => BatchQueueStats;
};

export function batchQueue<In, Out>(
  statement: (db: Db, inputs: In[]) => Promise<Out[]>,
  defaults: BatchQueueOptions,
): BatchQueue<In, Out> {
  const states = new WeakMap<Db, State<In, Out>>();
  const stateOf = (db: Db): State<In, Out> => {
    let state = states.get(db);
    if (!state) {
      state = {
        options: defaults,
        running: 0,
        waiting: [],
        stats: { statements: 0, inputs: 0, largest: 0, retriedAlone: 0 },
      };
      states.set(db, state);
    }
    return state;
  };

  const alone = async (db: Db, pending: Pending<In, Out>): Promise<void> => {
    try {
      const [out] = await statement(db, [pending.input]);
      if (out === undefined) throw new Error('the statement answered nothing');
      pending.resolve(out);
    } catch (err) {
      pending.reject(err);
    }
  };

  const execute = async (db: Db, stats: BatchQueueStats, batch: Pending<In, Out>[]): Promise<void> => {
    stats.statements++;
    stats.inputs += batch.length;
    stats.largest = Math.max(stats.largest, batch.length);
    const [only] = batch;
    if (batch.length === 1 && only) return alone(db, only);
    let outs: Out[];
    try {
      outs = await statement(
        db,
        batch.map((p) => p.input),
      );
    } catch (err) {
      if (isDatabaseRefusal(err)) {
        // The database refused the joint statement, so none of it took effect: each input again,
        // alone (at once, each on its own connection), for its own answer.
        stats.retriedAlone += batch.length;
        await Promise.all(batch.map((pending) => alone(db, pending)));
      } else {
        // Anything else (a lost connection) may have come after a commit: running the inputs
        // again could do them twice, so each caller gets the error instead.
        for (const pending of batch) pending.reject(err);
      }
      return;
    }
    if (outs.length !== batch.length) {
      const err = new Error(`${batch.length} inputs but ${outs.length} results`);
      for (const pending of batch) pending.reject(err);
      return;
    }
    batch.forEach((pending, i) => pending.resolve(outs[i] as Out));
  };

  const pump = (db: Db, state: State<In, Out>): void => {
    while (state.running < state.options.concurrency && state.waiting.length > 0) {
      const batch = state.waiting.splice(0, state.options.maxBatch);
      state.running++;
      void execute(db, state.stats, batch).finally(() => {
        state.running--;
        pump(db, state);
      });
    }
  };

  return {
    run: (db, input) => {
      const state = stateOf(db);
      return new Promise<Out>((resolve, reject) => {
        state.waiting.push({ input, resolve, reject });
        pump(db, state);
      });
    },
    configure: (db, options) => {
      stateOf(db).options = {
        concurrency: Math.max(1, Math.trunc(options.concurrency)),
        maxBatch: Math.max(1, Math.trunc(options.maxBatch)),
      };
    },
    stats: (db) => ({ ...stateOf(db).stats }),
  };
}
