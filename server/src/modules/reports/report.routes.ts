import { createRouter } from '../../http/router.ts';

/** Reports: daily bulletin, 10-day and monthly reports, KPI export, QA monthly summary, my quality. */
export const reportRoutes = createRouter();
