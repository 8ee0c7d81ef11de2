import { type Actor, hasRole } from '../../policies/actor.ts';
import { allow } from '../../policies/engine.ts';
import type { Scope } from '../../policies/scope.ts';

/**
 * Rules of Reports: daily bulletin, 10-day and monthly reports, KPI export, QA monthly summary, my
 * quality. Whose figures a caller sees: QA, management, HR, trainers and coaches the whole center; a
 * team leader the teams they lead (and themself); a CSR only themself (SPEC §6, issue 6 rule 6).
 */
export function reportScope(actor: Actor): Scope {
  if (hasRole(actor, 'admin', 'qa_lead', 'qa', 'manager', 'hr', 'trainer', 'coach')) return { kind: 'all' };
  if (hasRole(actor, 'team_leader')) return { kind: 'team', teamIds: actor.led_team_ids };
  if (hasRole(actor, 'agent')) return { kind: 'own' };
  return { kind: 'none' };
}

/** The daily bulletin, the 10-day and the monthly report (each scoped by `reportScope`). */
allow('reports.read', (actor) => reportScope(actor).kind !== 'none');
/** Appraisal export (4.6): HR, management, the QA lead, the administrator, and team leaders (their teams). */
allow('reports.kpi', (actor) => hasRole(actor, 'hr', 'manager', 'qa_lead', 'admin', 'team_leader'));
/** The QA team's monthly work summary (4.9) and the inspector workload in the period reports. */
allow('reports.qa_summary.read', (actor) => hasRole(actor, 'qa_lead', 'qa', 'manager', 'admin'));
/** The QA lead writes the findings and improvement measures. */
allow('reports.qa_summary.write', (actor) => hasRole(actor, 'qa_lead', 'admin'));
/** "My quality": a CSR's own page; team leaders and QA/management look at others'. */
allow('reports.my_quality', (actor) => reportScope(actor).kind !== 'none');

/** Whether the caller is a CSR (their own "my quality" page needs no agent_id). */
export function isCsr(actor: Actor): boolean {
  return hasRole(actor, 'agent');
}

export type MyQualityRecord = { agent_id: number; team_id: number | null };

/** Whose "my quality" page a caller may open: their own, their team's members, or anyone's. */
allow<MyQualityRecord>('reports.my_quality.agent', (actor, r) => {
  const scope = reportScope(actor);
  if (scope.kind === 'all') return true;
  if (r.agent_id === actor.id) return scope.kind !== 'none';
  return scope.kind === 'team' && r.team_id !== null && scope.teamIds.includes(r.team_id);
});
