import type { TFunction } from 'i18next';
import type { TNotification } from '../../../../shared/schemas/evaluation.ts';
import { ASSIGNMENTS_PATHS } from '../assignments/paths.ts';
import { evaluationListLink } from '../evaluations/evaluationFilters.ts';
import { HOME_EVALUATION_CARDS } from '../evaluations/homeCards.ts';

const KINDS = [
  'evaluation_submitted',
  'evaluation_acknowledged',
  'evaluation_corrected',
  'evaluation_overdue',
  'evaluations_overdue',
  'dispute_raised',
  'dispute_forwarded',
  'dispute_upheld',
  'dispute_corrected',
  'assignments_given',
  'assignments_moved',
  'assignments_released',
] as const;
type Kind = (typeof KINDS)[number];
const isKind = (k: string): k is Kind => (KINDS as readonly string[]).includes(k);

const AUDIENCES = new Set(['agent', 'inspector', 'team_leader']);

/** A score as every other page shows it (one decimal: 0.0, 91.3, 100.0); a dash when absent. */
const score = (v: unknown): string => (typeof v === 'number' ? v.toFixed(1) : '—');

/** The sentence of a message in the inbox, in the UI language. */
export function notificationText(t: TFunction, n: TNotification): string {
  const d = n.data ?? {};
  const values = {
    id: n.entity_id,
    name: typeof d.agent_name === 'string' ? d.agent_name : '',
    score: score(typeof d.score === 'number' ? d.score : d.new_score),
    old: score(d.old_score),
    ...(typeof d.count === 'number' ? { count: d.count } : {}),
  };
  // To whom a dispute step is worded (the CSR's wording has none): `dispute_upheld_inspector`, …
  const context = typeof d.audience === 'string' && AUDIENCES.has(d.audience) ? d.audience : undefined;
  return isKind(n.kind) ? t(`inbox.kinds.${n.kind}`, { ...values, context }) : n.kind;
}

/**
 * Where a message leads: its evaluation; a digest of overdue confirmations to the list of overdue
 * ones (as the home page's card); assignments to the inspector's queue. Null: nowhere.
 */
export function notificationLink(n: TNotification): string | null {
  if (n.kind === 'evaluations_overdue') return evaluationListLink(HOME_EVALUATION_CARDS.overdue);
  if (n.entity_type === 'evaluation') return `/evaluations/${n.entity_id}`;
  if (n.entity_type === 'assignment') return ASSIGNMENTS_PATHS.queue;
  return null;
}
