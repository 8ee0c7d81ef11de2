import { createRouter } from '../../http/router.ts';

/** The inspectors' work queue: assignments from the sampling run. */
export const assignmentRoutes = createRouter();
