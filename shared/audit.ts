/**
 * Every kind of entry the audit trail holds: the server's audit calls are typed by these lists (a
 * new action does not compile until it is named here), and the web app names each one in both
 * languages (a missing label does not compile either).
 */
export const AUDIT_ACTIONS = [
  'session.create',
  'session.delete',
  'user.create',
  'user.update',
  'user.update_with_password_reset',
  'user.change_password',
  'team.create',
  'team.update',
  'queue.create',
  'queue.update',
  'token.create',
  'token.revoke',
  'settings.update',
  'interaction.import_batch',
  'interaction.attach_recording',
  'category.create',
  'category.update',
  'form.create',
  'form.update',
  'form.archive',
  'form.restore',
  'test_call.create',
  'test_call.update',
  'test_call.duplicate',
  'evaluation.create',
  'evaluation.update',
  'evaluation.submit',
  'evaluation.discard',
  'evaluation.acknowledge',
  'evaluation.countersign',
  'evaluation.overdue_notify',
  'dispute.create',
  'dispute.leader_uphold',
  'dispute.leader_forward',
  'dispute.review_uphold',
  'dispute.review_correct',
  'sampling_plan.create',
  'sampling_plan.create_default',
  'sampling_plan.update',
  'sampling_plan.activate',
  'sampling_plan.archive',
  'sampling_plan.propose',
  'sampling.run',
  'assignment.complete',
  'assignment.skip',
  'assignment.release',
  'assignment.reassign',
  'shifts.import',
  'shifts.delete',
  'qa_summary.update',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** What an entry is about (`entity_type`), with `entity_id` naming the record. */
export const AUDIT_ENTITY_TYPES = [
  'user',
  'team',
  'queue',
  'api_token',
  'settings',
  'interaction',
  'interaction_import',
  'score_category',
  'form',
  'test_call_scenario',
  'evaluation',
  'sampling_plan',
  'sampling_run',
  'assignment',
  'roster',
  'shift',
  'qa_monthly_summary',
] as const;
export type AuditEntityType = (typeof AUDIT_ENTITY_TYPES)[number];

const ACTIONS: ReadonlySet<string> = new Set(AUDIT_ACTIONS);
const ENTITY_TYPES: ReadonlySet<string> = new Set(AUDIT_ENTITY_TYPES);

/** Entries written before an action was renamed, or by a newer server, may hold other codes. */
export const isAuditAction = (code: string): code is AuditAction => ACTIONS.has(code);
export const isAuditEntityType = (code: string): code is AuditEntityType => ENTITY_TYPES.has(code);

/** The part of an action before the dot: what it acts on (`evaluation.submit` → `evaluation`). */
export type AuditActionGroup = AuditAction extends infer A
  ? A extends `${infer G}.${string}`
    ? G
    : never
  : never;

/** The filter groups actions by it. */
export const auditActionGroup = (action: AuditAction): AuditActionGroup =>
  action.slice(0, action.indexOf('.')) as AuditActionGroup;
