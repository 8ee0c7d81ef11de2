import { hasRole } from '../../policies/actor.ts';
import { allow } from '../../policies/engine.ts';

allow('tokens.list', (actor) => hasRole(actor, 'admin'));
allow('tokens.create', (actor) => hasRole(actor, 'admin'));
allow('tokens.revoke', (actor) => hasRole(actor, 'admin'));
