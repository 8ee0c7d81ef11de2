import { hasRole } from '../../policies/actor.ts';
import { allow } from '../../policies/engine.ts';

allow('queues.list', () => true);
allow('queues.read', () => true);
allow('queues.create', (actor) => hasRole(actor, 'admin'));
allow('queues.update', (actor) => hasRole(actor, 'admin'));
