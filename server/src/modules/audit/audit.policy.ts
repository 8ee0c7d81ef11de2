import { hasRole } from '../../policies/actor.ts';
import { allow } from '../../policies/engine.ts';

allow('audit.list', (actor) => hasRole(actor, 'admin', 'qa_lead'));
allow('audit.verify', (actor) => hasRole(actor, 'admin', 'qa_lead'));
