/** Imports every module's rules so the engine knows them all before the first request. */
import '../modules/auth/session.policy.ts';
import '../modules/users/user.policy.ts';
import '../modules/teams/team.policy.ts';
import '../modules/queues/queue.policy.ts';
import '../modules/tokens/token.policy.ts';
import '../modules/audit/audit.policy.ts';
import '../modules/interactions/interaction.policy.ts';
import '../modules/scorecards/scorecard.policy.ts';
import '../modules/evaluations/evaluation.policy.ts';
import '../modules/sampling/sampling.policy.ts';
import '../modules/assignments/assignment.policy.ts';
import '../modules/compliance/compliance.policy.ts';
import '../modules/reports/report.policy.ts';
import '../modules/home/home.policy.ts';

export { allow, authorize, can, declaredActions } from './engine.ts';
