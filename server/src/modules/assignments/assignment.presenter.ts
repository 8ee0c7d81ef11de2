import type {
  AssignmentStatus,
  AssignmentStrategy,
  TAssignment,
} from '../../../../shared/schemas/assignments.ts';
import type { TInteraction } from '../../../../shared/schemas/interaction.ts';

export type AssignmentRow = {
  id: string | number;
  interaction_id: string | number;
  agent_id: number;
  assignee_id: number | null;
  date: string;
  due_date: string;
  status: AssignmentStatus;
  strategy: AssignmentStrategy;
  rule: string | null;
  evaluation_id: string | number | null;
  skip_reason: string | null;
  completed_at: Date | string | null;
  overdue: boolean;
  agent_name: string;
  agent_username: string;
  team_id: number | null;
  team_name: string | null;
  assignee_name: string | null;
  assignee_username: string | null;
  external_id: string;
  started_at: Date | string;
  duration_s: number;
  channel: TInteraction['channel'];
  direction: TInteraction['direction'];
  queue: string | null;
  queue_name: string | null;
  draft_evaluation_id: string | number | null;
  evaluation_score: string | number | null;
  evaluation_fatal: boolean | null;
  evaluation_passed: boolean | null;
  created_at: Date | string;
  updated_at: Date | string;
  version: number;
};

const iso = (d: Date | string) => new Date(d).toISOString();
const numOrNull = (v: string | number | null) => (v === null ? null : Number(v));

/** The only place that shapes an assignment for the API. */
export function presentAssignment(row: AssignmentRow): TAssignment {
  return {
    id: Number(row.id),
    interaction_id: Number(row.interaction_id),
    agent_id: row.agent_id,
    assignee_id: row.assignee_id,
    date: row.date,
    due_date: row.due_date,
    status: row.status,
    strategy: row.strategy,
    rule: row.rule,
    evaluation_id: numOrNull(row.evaluation_id),
    skip_reason: row.skip_reason,
    completed_at: row.completed_at === null ? null : iso(row.completed_at),
    overdue: row.overdue,
    agent_name: row.agent_name,
    agent_username: row.agent_username,
    team_id: row.team_id,
    team_name: row.team_name,
    assignee_name: row.assignee_name,
    assignee_username: row.assignee_username,
    external_id: row.external_id,
    started_at: iso(row.started_at),
    duration_s: row.duration_s,
    channel: row.channel,
    direction: row.direction,
    queue: row.queue,
    queue_name: row.queue_name,
    draft_evaluation_id: numOrNull(row.draft_evaluation_id),
    evaluation_score: numOrNull(row.evaluation_score),
    evaluation_fatal: row.evaluation_fatal,
    evaluation_passed: row.evaluation_passed,
    created_at: iso(row.created_at),
    updated_at: iso(row.updated_at),
    version: row.version,
  };
}
