import { z } from 'zod';
import { isCalendarDate } from '../time.ts';
import { ZPageQuery, ZQueryBool } from './common.ts';
import { CHANNELS, DIRECTIONS } from './interaction.ts';
import {
  ASSIGNMENT_STATUSES,
  SAMPLING_STRATEGIES,
  type AssignmentStatus,
  type SamplingStrategy,
} from './sampling.ts';

/**
 * The inspectors' work queue (SPEC §4.5, issue 5 item 4): what happens to an assignment after the
 * daily sampling run created it. The life of an assignment, as data:
 *
 *   pending ──skip──▶ skipped            (the assignee or the QA lead; a reason is required)
 *   pending ──release──▶ unassigned      (QA lead)
 *   pending / unassigned ──reassign──▶ pending (another active inspector; QA lead)
 *   unassigned ──skip──▶ skipped         (QA lead)
 *   pending / unassigned ──submitted evaluation──▶ done
 *
 * done and skipped are final. The sampling run's top-up does not count skipped ones, so it picks
 * another contact of that CSR.
 */
export { ASSIGNMENT_STATUSES, type AssignmentStatus };

/** Statuses in which an assignment still waits for a check. */
export const OPEN_ASSIGNMENT_STATUSES: readonly AssignmentStatus[] = ['pending', 'unassigned'];

export const ASSIGNMENT_STRATEGIES = SAMPLING_STRATEGIES;
export type AssignmentStrategy = SamplingStrategy;

export type AssignmentAction = 'skip' | 'release' | 'reassign' | 'complete';

const FROM: Record<AssignmentAction, readonly AssignmentStatus[]> = {
  skip: ['pending', 'unassigned'],
  release: ['pending'],
  reassign: ['pending', 'unassigned'],
  complete: ['pending', 'unassigned'],
};

/** Whether an action is legal in a status (anything else is a 409 `conflict`). */
export function canAssignmentTransition(status: AssignmentStatus, action: AssignmentAction): boolean {
  return FROM[action].includes(status);
}

/** Longest skip reason. */
export const SKIP_REASON_MAX = 500;
/** Most rows one bulk reassign or release may change. */
export const BULK_ASSIGNMENTS_MAX = 500;
/** Most inspectors one bulk reassign may spread the rows over. */
export const BULK_ASSIGNEES_MAX = 100;

const ZLocalDate = z.string().refine(isCalendarDate, 'a date YYYY-MM-DD');

export const ZAssignment = z.object({
  id: z.number().int(),
  interaction_id: z.number().int(),
  agent_id: z.number().int(),
  assignee_id: z.number().int().nullable().describe('null while unassigned.'),
  date: z.string().describe('Local date of the interaction (quotas count by it).'),
  due_date: z.string().describe('Local date by which the check is due.'),
  status: z.enum(ASSIGNMENT_STATUSES),
  strategy: z.enum(ASSIGNMENT_STRATEGIES),
  rule: z
    .string()
    .nullable()
    .describe('The targeted or quantitative rule that picked it, e.g. queue:billing.'),
  evaluation_id: z.number().int().nullable().describe('The submitted evaluation that completed it.'),
  skip_reason: z.string().nullable(),
  completed_at: z.string().nullable(),
  overdue: z
    .boolean()
    .describe("Still open (pending or unassigned) and due before today in the center's time zone."),
  agent_name: z.string(),
  agent_username: z.string(),
  team_id: z.number().int().nullable(),
  team_name: z.string().nullable(),
  assignee_name: z.string().nullable(),
  assignee_username: z.string().nullable(),
  external_id: z.string(),
  started_at: z.string(),
  duration_s: z.number().int(),
  channel: z.enum(CHANNELS),
  direction: z.enum(DIRECTIONS),
  queue: z.string().nullable().describe('Queue code.'),
  queue_name: z.string().nullable(),
  draft_evaluation_id: z
    .number()
    .int()
    .nullable()
    .describe("The caller's own draft evaluation of this contact, to continue."),
  evaluation_score: z.number().nullable(),
  evaluation_fatal: z.boolean().nullable(),
  evaluation_passed: z.boolean().nullable(),
  created_at: z.string(),
  updated_at: z.string(),
  version: z.number().int().describe('Send back on reassign, release and skip; a newer one answers 409.'),
});
export type TAssignment = z.infer<typeof ZAssignment>;

const STATUS_LIST = new RegExp(`^(${ASSIGNMENT_STATUSES.join('|')})(,(${ASSIGNMENT_STATUSES.join('|')}))*$`);

/** The statuses of a `status` filter value (already checked by the schema). */
export function parseStatusList(value: string | undefined): AssignmentStatus[] {
  return value ? (value.split(',') as AssignmentStatus[]) : [];
}

export const ASSIGNMENT_SORTS = ['due_date', 'date', 'started_at', 'id'] as const;
export type AssignmentSort = (typeof ASSIGNMENT_SORTS)[number];

export const ZListAssignmentsQuery = ZPageQuery.extend({
  mine: ZQueryBool.optional().describe('Only the caller’s own assignments (a QA lead who also inspects).'),
  assignee_id: z.coerce.number().int().positive().optional(),
  agent_id: z.coerce.number().int().positive().optional().describe('Only this CSR’s contacts.'),
  team_id: z.coerce.number().int().positive().optional(),
  queue_id: z.coerce
    .number()
    .int()
    .positive()
    .optional()
    .describe('Only contacts of this queue (the interaction’s queue).'),
  interaction_id: z.coerce.number().int().positive().optional(),
  status: z
    .string()
    .regex(STATUS_LIST, 'pending, unassigned, done or skipped, separated by commas')
    .optional()
    .describe('One status, or several separated by commas: pending,unassigned.'),
  strategy: z.enum(ASSIGNMENT_STRATEGIES).optional(),
  from: ZLocalDate.optional().describe('First interaction date (inclusive), local.'),
  to: ZLocalDate.optional().describe('Last interaction date (inclusive), local.'),
  due_from: ZLocalDate.optional(),
  due_to: ZLocalDate.optional(),
  overdue: ZQueryBool.optional(),
  sort: z.enum(ASSIGNMENT_SORTS).default('due_date'),
  order: z.enum(['asc', 'desc']).default('asc'),
});
export type TListAssignmentsQuery = z.infer<typeof ZListAssignmentsQuery>;

export const ZAssignmentSummaryQuery = z.object({
  mine: ZQueryBool.optional().describe('Only the caller’s own queue.'),
});

export const ZAssignmentSummary = z.object({
  today: z.string().describe("Today's local date in the center."),
  pending: z.number().int().describe('Assigned and still to do.'),
  due_today: z.number().int().describe('Pending with today as due date.'),
  overdue: z.number().int().describe('Open (pending or unassigned) and due before today.'),
  done_today: z.number().int().describe('Completed today (local).'),
  unassigned: z.number().int().describe('Waiting for an inspector (overflow or released).'),
});
export type TAssignmentSummary = z.infer<typeof ZAssignmentSummary>;

export const ZInspectorLoad = z.object({
  id: z.number().int(),
  username: z.string(),
  display_name: z.string(),
  pending: z.number().int(),
  due_today: z.number().int(),
  overdue: z.number().int(),
  done_today: z.number().int(),
});
export type TInspectorLoad = z.infer<typeof ZInspectorLoad>;

const ZVersion = z.number().int().describe('The version you read; a newer one answers 409 stale_write.');

export const ZSkipAssignmentRequest = z.object({
  reason: z.string().trim().min(1).max(SKIP_REASON_MAX).describe('Why the contact cannot be checked.'),
  version: ZVersion.optional(),
});
export type TSkipAssignmentRequest = z.infer<typeof ZSkipAssignmentRequest>;

export const ZReassignAssignmentRequest = z.object({
  assignee_id: z.number().int().positive().describe('An active user with role qa.'),
  version: ZVersion,
});
export type TReassignAssignmentRequest = z.infer<typeof ZReassignAssignmentRequest>;

export const ZReleaseAssignmentRequest = z.object({ version: ZVersion });
export type TReleaseAssignmentRequest = z.infer<typeof ZReleaseAssignmentRequest>;

const ZBulkItem = z.object({ id: z.number().int().positive(), version: ZVersion });

export const ZBulkReassignRequest = z.object({
  items: z.array(ZBulkItem).min(1).max(BULK_ASSIGNMENTS_MAX),
  assignee_ids: z
    .array(z.number().int().positive())
    .min(1)
    .max(BULK_ASSIGNEES_MAX)
    .describe(
      'One inspector takes them all; several share them, each row going to the one with the fewest pending.',
    ),
});
export type TBulkReassignRequest = z.infer<typeof ZBulkReassignRequest>;

export const ZBulkReleaseRequest = z.object({
  items: z.array(ZBulkItem).min(1).max(BULK_ASSIGNMENTS_MAX),
});
export type TBulkReleaseRequest = z.infer<typeof ZBulkReleaseRequest>;

export const ZBulkResult = z.object({
  updated: z.number().int(),
  items: z.array(ZAssignment),
});
export type TBulkResult = z.infer<typeof ZBulkResult>;
