import { z } from 'zod';
import { ANSWER_RESULTS } from '../scoring.ts';
import { isCalendarDate } from '../time.ts';
import { DISPUTE_STATUSES, EVALUATION_METHODS, EVALUATION_PHASES, EVALUATION_STATUSES } from '../workflow.ts';
import { ZPageQuery, ZQueryBool } from './common.ts';
import { ZMonthParam } from './compliance.ts';

const ZLocalDate = z.string().refine(isCalendarDate, 'a date YYYY-MM-DD');

export const ZAnswerInput = z.object({
  item_id: z.number().int().positive(),
  result: z.enum(ANSWER_RESULTS),
  comment: z.string().trim().max(2000).nullable().optional(),
});

export const ZMarkInput = z.object({
  at_s: z.number().min(0).max(86_400).nullable().optional().describe('Second of the recording.'),
  turn_index: z.number().int().min(0).nullable().optional().describe('Index of the transcript turn.'),
  item_id: z.number().int().positive().nullable().optional(),
  text: z.string().trim().min(1).max(2000),
});

/** The evaluation's remarks: praise (表扬) and criticism (批评) for the daily bulletin. */
const ZPositives = z.string().trim().max(4000).nullable();
const ZNegatives = z.string().trim().max(4000).nullable();
const ZMarks = z.array(ZMarkInput).max(200);

/** A pinned comment in a correction: `id` names a current one (kept or edited); without it, a new one. */
export const ZCorrectedMark = ZMarkInput.extend({
  id: z.number().int().positive().optional().describe('A current pinned comment of this evaluation.'),
});
export type TCorrectedMark = z.infer<typeof ZCorrectedMark>;

const evaluationContent = {
  answers: z.array(ZAnswerInput).max(500),
  positives: ZPositives.optional().describe('Praise (表扬) for the daily bulletin.'),
  negatives: ZNegatives.optional().describe('Criticism (批评) for the daily bulletin.'),
  marks: ZMarks.optional().describe('Comments pinned to a moment or transcript turn.'),
  phase: z.enum(EVALUATION_PHASES).optional().describe('before / during / after (clause 3); default after.'),
  test_call_scenario_id: z
    .number()
    .int()
    .positive()
    .nullable()
    .optional()
    .describe('The test-call scenario (method test_call only); required to submit a test call.'),
  submit: z.boolean().default(false).describe('true submits to the CSR; false keeps a draft.'),
  assignment_id: z
    .number()
    .int()
    .positive()
    .optional()
    .describe(
      "The work-queue assignment this is for (the caller's, or any for the QA lead; same contact). Submitting completes it; " +
        "without it, submitting completes the contact's open assignment, if any.",
    ),
};

export const ZCreateEvaluationRequest = z.object({
  interaction_id: z.number().int().positive().nullable().optional(),
  agent_id: z.number().int().positive().optional().describe('Required when there is no interaction.'),
  form_id: z.number().int().positive(),
  method: z.enum(EVALUATION_METHODS),
  ...evaluationContent,
});
export type TCreateEvaluationRequest = z.infer<typeof ZCreateEvaluationRequest>;

export const ZUpdateEvaluationRequest = z.object({
  version: z.number().int(),
  method: z
    .enum(EVALUATION_METHODS)
    .optional()
    .describe(
      'Changes the method while a draft (recording_review needs a recorded contact; any other than test_call drops the scenario).',
    ),
  ...evaluationContent,
});
export type TUpdateEvaluationRequest = z.infer<typeof ZUpdateEvaluationRequest>;

export const ZDiscardEvaluationQuery = z.object({
  version: z.coerce
    .number()
    .int()
    .describe('The version read (optimistic locking: 409 stale_write if it changed).'),
});

export const ZAnswer = z.object({
  item_id: z.number().int(),
  result: z.enum(ANSWER_RESULTS),
  comment: z.string().nullable(),
});

export const ZMark = z.object({
  id: z.number().int(),
  at_s: z.number().nullable(),
  turn_index: z.number().int().nullable(),
  item_id: z.number().int().nullable(),
  text: z.string(),
});

export const ZEvaluation = z.object({
  id: z.number().int(),
  interaction_id: z.number().int().nullable(),
  form_id: z.number().int(),
  form_name: z.string(),
  form_version: z.number().int(),
  form_version_id: z.number().int(),
  agent_id: z.number().int(),
  agent_name: z.string(),
  team_id: z.number().int().nullable(),
  evaluator_id: z.number().int(),
  evaluator_name: z.string(),
  method: z.enum(EVALUATION_METHODS),
  phase: z.enum(EVALUATION_PHASES),
  test_call_scenario_id: z.number().int().nullable(),
  status: z.enum(EVALUATION_STATUSES),
  local_date: z.string(),
  revision: z.number().int(),
  score: z
    .number()
    .nullable()
    .describe(
      "0–100. A draft's is the provisional total of the answers so far; null for a draft that answers no item (not scored yet).",
    ),
  fatal: z.boolean(),
  passed: z.boolean().describe('Score at or above the pass mark and no fatal error; false while not scored.'),
  pass_mark: z.number(),
  positives: z.string().nullable(),
  negatives: z.string().nullable(),
  submitted_at: z.string().nullable(),
  ack_due_at: z.string().nullable(),
  overdue: z.boolean().describe('Submitted, not acknowledged, past the confirmation window.'),
  acknowledged_at: z.string().nullable(),
  acknowledged_late: z
    .boolean()
    .describe('The CSR signed after the confirmation deadline (acknowledged_at later than ack_due_at).'),
  countersigned_at: z.string().nullable(),
  open_dispute_id: z.number().int().nullable(),
  created_at: z.string(),
  updated_at: z.string(),
  version: z.number().int(),
  answers: z.array(ZAnswer),
});
export type TEvaluation = z.infer<typeof ZEvaluation>;

export const ZSignature = z.object({
  who: z.number().int(),
  name: z.string(),
  at: z.string(),
  ip: z.string().nullable(),
  signature: z.string().nullable(),
});

export const ZRevision = z.object({
  revision: z.number().int(),
  score: z.number(),
  fatal: z.boolean(),
  passed: z.boolean(),
  created_by: z.number().int(),
  created_by_name: z.string(),
  created_at: z.string(),
  reason: z.string().nullable(),
  retracted_at: z.string().nullable(),
  answers: z.array(ZAnswer),
  positives: z
    .string()
    .nullable()
    .describe("This revision's praise (the current one's is the evaluation's)."),
  negatives: z.string().nullable().describe("This revision's criticism."),
  marks: z.array(ZMark).describe("This revision's pinned comments."),
});

export const ZDispute = z.object({
  id: z.number().int(),
  evaluation_id: z.number().int(),
  status: z.enum(DISPUTE_STATUSES),
  reason: z.string(),
  item_ids: z.array(z.number().int()),
  raised_by: z.number().int(),
  raised_by_name: z.string(),
  agent_id: z.number().int(),
  agent_name: z.string(),
  evaluator_id: z.number().int(),
  evaluator_name: z.string().describe('The inspector who made the disputed evaluation.'),
  leader_decision: z.string().nullable(),
  leader_note: z.string().nullable(),
  leader_name: z.string().nullable(),
  leader_decided_at: z.string().nullable(),
  reviewer_decision: z.string().nullable(),
  reviewer_note: z.string().nullable(),
  reviewer_name: z.string().nullable(),
  reviewed_at: z.string().nullable(),
  inspector_error: z.boolean().nullable(),
  created_at: z.string(),
  closed_at: z.string().nullable(),
  version: z.number().int(),
});
export type TDispute = z.infer<typeof ZDispute>;

/** The test-call (拨测) scenario an evaluation of method test_call was scored against. */
export const ZEvaluationScenario = z.object({
  id: z.number().int(),
  title: z.string(),
  caller_script: z.string().describe('What the mystery caller asks.'),
  expected_answer: z.string().describe('The answer the CSR was expected to give.'),
});
export type TEvaluationScenario = z.infer<typeof ZEvaluationScenario>;

export const ZEvaluationDetail = ZEvaluation.extend({
  test_call_scenario: ZEvaluationScenario.nullable().describe(
    'For a test call: the scenario (caller script and expected answer) it was scored against.',
  ),
  marks: z.array(ZMark),
  acknowledgement: ZSignature.nullable(),
  countersignature: ZSignature.nullable(),
  revisions: z.array(ZRevision).describe('Newest first; earlier ones are retracted by a correction.'),
  disputes: z.array(ZDispute),
  history: z.array(z.object({ at: z.string(), action: z.string(), actor_name: z.string().nullable() })),
  abilities: z.record(z.string(), z.boolean()).describe('What the caller may do with it now.'),
});
export type TEvaluationDetail = z.infer<typeof ZEvaluationDetail>;

export const ZListEvaluationsQuery = ZPageQuery.extend({
  agent_id: z.coerce.number().int().positive().optional(),
  evaluator_id: z.coerce.number().int().positive().optional(),
  team_id: z.coerce.number().int().positive().optional(),
  form_id: z.coerce.number().int().positive().optional(),
  interaction_id: z.coerce.number().int().positive().optional(),
  status: z.enum(EVALUATION_STATUSES).optional(),
  method: z.enum(EVALUATION_METHODS).optional(),
  fatal: ZQueryBool.optional(),
  passed: ZQueryBool.optional(),
  overdue: ZQueryBool.optional(),
  mine: ZQueryBool.optional().describe('Only evaluations of the caller as CSR.'),
  drafts: ZQueryBool.optional().describe(
    'false: leave drafts out, counting checks as the compliance board does. Default: the drafts the caller may see are listed.',
  ),
  from: ZLocalDate.optional().describe('First local date of the contact (inclusive).'),
  to: ZLocalDate.optional().describe('Last local date of the contact (inclusive).'),
  sort: z.enum(['local_date', 'score', 'id']).default('id'),
  order: z.enum(['asc', 'desc']).default('desc'),
});
export type TListEvaluationsQuery = z.infer<typeof ZListEvaluationsQuery>;

export const ZSignRequest = z.object({
  signature: z
    .string()
    .trim()
    .min(1)
    .max(100)
    .describe("The signer types their own name: it must be the signer's display name (else 400)."),
  version: z.number().int().optional(),
});

export const ZCreateDisputeRequest = z.object({
  reason: z.string().trim().min(1).max(4000),
  item_ids: z.array(z.number().int().positive()).max(200).optional(),
});

export const ZDisputeDecisionRequest = z.object({
  uphold: z
    .boolean()
    .describe('true: the evaluation stands. false: team leader forwards to QA review; QA lead corrects.'),
  note: z.string().trim().max(4000).optional(),
  corrected_answers: z.array(ZAnswerInput).max(500).optional().describe('QA lead only, when not upholding.'),
  corrected_positives: ZPositives.optional().describe(
    'QA lead only, with a correction: the new praise (表扬); null clears it; omitted keeps it.',
  ),
  corrected_negatives: ZNegatives.optional().describe(
    'QA lead only, with a correction: the new criticism (批评); null clears it; omitted keeps it.',
  ),
  corrected_marks: z
    .array(ZCorrectedMark)
    .max(200)
    .optional()
    .describe(
      'QA lead only, with a correction: the full new list of pinned comments. An entry with the id of a ' +
        'current comment keeps (or edits) it, one without an id adds one; a current comment not listed is ' +
        'removed. Omitted keeps them all.',
    ),
  inspector_error: z
    .boolean()
    .optional()
    .describe('QA lead: did the inspector judge wrongly (B15)? Default: !uphold.'),
  version: z.number().int().optional(),
});
export type TDisputeDecisionRequest = z.infer<typeof ZDisputeDecisionRequest>;

/**
 * How a dispute ended, as the inspector-accuracy figures count it (B15–B16): `overturned` — the QA
 * lead corrected the evaluation; `inspector_error` — the QA lead judged that the inspector erred.
 */
export const DISPUTE_OUTCOMES = ['overturned', 'inspector_error'] as const;
export type TDisputeOutcome = (typeof DISPUTE_OUTCOMES)[number];

export const ZListDisputesQuery = ZPageQuery.extend({
  status: z.enum(DISPUTE_STATUSES).optional(),
  open: ZQueryBool.optional(),
  evaluator_id: z.coerce
    .number()
    .int()
    .positive()
    .optional()
    .describe('Only disputes of evaluations made by this inspector.'),
  month: ZMonthParam.optional().describe(
    'Only disputes of evaluations counted in this month (YYYY-MM): submitted evaluations whose center-local date falls in it, as the inspector-accuracy report counts them.',
  ),
  outcome: z
    .enum(DISPUTE_OUTCOMES)
    .optional()
    .describe(
      'overturned: corrected by the QA lead; inspector_error: the QA lead judged the inspector wrong.',
    ),
});
export type TListDisputesQuery = z.infer<typeof ZListDisputesQuery>;

export const ZNotification = z.object({
  id: z.number().int(),
  kind: z.string(),
  entity_type: z.string(),
  entity_id: z.string(),
  data: z.record(z.string(), z.unknown()).nullable(),
  created_at: z.string(),
  read_at: z.string().nullable(),
});
export type TNotification = z.infer<typeof ZNotification>;

export const ZAccuracyRow = z.object({
  evaluator_id: z.number().int(),
  evaluator_name: z.string(),
  evaluations: z.number().int(),
  disputed: z.number().int(),
  overturned: z.number().int(),
  inspector_errors: z.number().int(),
  error_rate: z.number().describe('inspector_errors ÷ evaluations (0–1).'),
});

export const ZTestCallScenario = z.object({
  id: z.number().int(),
  title: z.string(),
  queue_id: z.number().int().nullable(),
  caller_script: z.string(),
  expected_answer: z.string(),
  active: z.boolean(),
  created_at: z.string(),
  version: z.number().int(),
  used_by: z
    .number()
    .int()
    .describe(
      'How many submitted (non-draft) evaluations were scored against it; when above 0 only active may change (duplicate it to change the text).',
    ),
});
export type TTestCallScenario = z.infer<typeof ZTestCallScenario>;

export const ZCreateTestCallScenarioRequest = z.object({
  title: z.string().trim().min(1).max(200),
  queue_id: z.number().int().positive().nullable().optional(),
  caller_script: z.string().trim().min(1).max(4000),
  expected_answer: z.string().trim().min(1).max(4000),
});
/** A copy of a scenario, with any of its fields changed (the rest as in the original). */
export const ZDuplicateTestCallScenarioRequest = ZCreateTestCallScenarioRequest.partial();
export const ZUpdateTestCallScenarioRequest = ZCreateTestCallScenarioRequest.partial().extend({
  version: z.number().int(),
  active: z.boolean().optional(),
});
