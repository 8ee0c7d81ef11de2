import { batchQueue } from '../../db/batch-queue.ts';
import { insertEvaluations } from './evaluation.repo.ts';

/**
 * New evaluations written outside a transaction go through this queue (server/src/db/batch-queue.ts):
 * when other new evaluations are being written, they are written together with those that arrived
 * meanwhile, in one `insertEvaluations` statement; unloaded, each alone at once.
 */
export const evaluationWrites = batchQueue(insertEvaluations, { concurrency: 4, maxBatch: 32 });
