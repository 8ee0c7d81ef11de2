import { hasRole } from '../../policies/actor.ts';
import { allow } from '../../policies/engine.ts';

/**
 * Scorecards are the center's open standard (clause 4.2 "fair and open"): everyone signed in may
 * read them; the QA lead and the administrator maintain them.
 */
const maintainsStandards = (actor: Parameters<typeof hasRole>[0]) => hasRole(actor, 'admin', 'qa_lead');

allow('forms.list', () => true);
allow('forms.read', () => true);
allow('forms.create', maintainsStandards);
allow('forms.update', maintainsStandards);
allow('forms.archive', maintainsStandards);
allow('categories.list', () => true);
allow('categories.create', maintainsStandards);
allow('categories.update', maintainsStandards);
