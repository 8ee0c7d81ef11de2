import { hasRole } from '../../policies/actor.ts';
import { allow } from '../../policies/engine.ts';

/**
 * Rules of the home pages' own figures. The most-failed scorecard items are center-wide counts
 * (no CSR is named): for QA, management, trainers (training needs, 4.8), on-site coaches (what
 * to watch on the floor, B1) and the knowledge-base editor (which answers the knowledge base
 * should fix, B3–B4). CSRs, team leaders and HR have their own figures in the reports.
 */
allow('home.failed_items', (actor) =>
  hasRole(actor, 'admin', 'qa_lead', 'qa', 'manager', 'trainer', 'coach', 'kb_editor'),
);
