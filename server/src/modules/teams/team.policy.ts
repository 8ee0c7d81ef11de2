import { hasRole } from '../../policies/actor.ts';
import { allow } from '../../policies/engine.ts';

/** Team names and leaders are not secret: everyone signed in reads them (filters, headers). */
allow('teams.list', () => true);
allow('teams.read', () => true);
allow('teams.create', (actor) => hasRole(actor, 'admin', 'hr'));
allow('teams.update', (actor) => hasRole(actor, 'admin', 'hr'));
