import { createRouter } from '../../http/router.ts';

/** The compliance board, the monthly targeted-plan proposal and its comparison (4.3, 4.5). */
export const complianceRoutes = createRouter();
