import type { TMe } from '../../../../shared/schemas/session.ts';

/** Client routes of the assignments area. */
export const ASSIGNMENTS_PATHS = {
  queue: '/assignments',
  all: '/assignments/all',
} as const;

/**
 * Who gets which page, from GET /me's abilities (server/src/modules/assignments/assignment.policy.ts
 * decides them): an inspector (role qa, who may skip their own work) has a queue of their own;
 * whoever may manage assignments sees everyone's. The API checks every call again.
 */
export function assignmentPages(me: TMe): { queue: boolean; all: boolean } {
  return {
    queue: me.roles.includes('qa') && me.abilities['assignments.skip'] === true,
    all: me.abilities['assignments.manage'] === true,
  };
}
