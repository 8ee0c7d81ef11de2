import { hasRole, type Actor } from '../../policies/actor.ts';
import { allow } from '../../policies/engine.ts';
import { type Scope, scopeAllows } from '../../policies/scope.ts';

/** The people directory: who can see whom. */
export function userScope(actor: Actor): Scope {
  if (hasRole(actor, 'admin', 'hr', 'manager', 'qa_lead', 'qa', 'trainer', 'coach')) return { kind: 'all' };
  if (hasRole(actor, 'team_leader')) return { kind: 'team', teamIds: actor.led_team_ids };
  return { kind: 'own' };
}

export type UserPolicyRecord = { id: number; team_id: number | null; roles: string[] };

const isPeopleAdmin = (actor: Actor) => hasRole(actor, 'admin', 'hr');

allow('users.list', () => true);
allow<UserPolicyRecord>('users.read', (actor, user) =>
  scopeAllows(actor, userScope(actor), { ownerId: user.id, teamId: user.team_id }),
);
allow('users.create', isPeopleAdmin);
allow('users.import', isPeopleAdmin);
/** HR manages people but not administrators; only an admin edits an admin. */
allow<UserPolicyRecord>(
  'users.update',
  (actor, user) => hasRole(actor, 'admin') || (hasRole(actor, 'hr') && !user.roles.includes('admin')),
);
/** Granting the admin role is an admin's decision alone. */
allow('users.grant_admin', (actor) => hasRole(actor, 'admin'));
