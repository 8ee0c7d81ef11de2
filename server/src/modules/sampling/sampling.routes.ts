import { createRouter } from '../../http/router.ts';

/** Sampling plans, the roster (shifts) and the daily sampling run (clauses 3, 4.3, 4.5). */
export const samplingRoutes = createRouter();
