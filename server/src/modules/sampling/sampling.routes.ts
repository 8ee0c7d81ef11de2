import { createRouter } from '../../http/router.ts';
import { planRoutes } from './plan.routes.ts';
import { runRoutes } from './run.routes.ts';
import { shiftRoutes } from './shift.routes.ts';

/** Sampling plans, the roster (shifts) and the daily sampling run (clauses 3, 4.3, 4.5). */
export const samplingRoutes = createRouter();
samplingRoutes.route('/', planRoutes);
samplingRoutes.route('/', runRoutes);
samplingRoutes.route('/', shiftRoutes);
