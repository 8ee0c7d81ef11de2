import type { TMe } from '../../../../shared/schemas/session.ts';

/** Client routes of the assignments area. */
export const ASSIGNMENTS_PATHS = {
  queue: '/assignments',
  all: '/assignments/all',
} as const;

/**
 * Who gets which page. An inspector (role qa) has a queue of their own; whoever may manage
 * assignments sees everyone's. GET /me's abilities decide when they name these actions; until
 * then the roles of the matching policy (server/src/modules/assignments/assignment.policy.ts)
 * stand in. The API checks every call again.
 */
export function assignmentPages(me: TMe): { queue: boolean; all: boolean } {
  const ability = (name: string): boolean | undefined => me.abilities[name];
  return {
    queue: me.roles.includes('qa'),
    all: ability('assignments.manage') ?? (me.roles.includes('qa_lead') || me.roles.includes('admin')),
  };
}
