/**
 * The authorization matrix (STYLE §5): every operation of the API document names its rule, and
 * every role is allowed or refused each operation exactly as the table below says. A new endpoint
 * without a rule, or without a row here, fails this test.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { eq, sql } from 'drizzle-orm';
import { ROLES, type Role } from '../../../shared/roles.ts';
import { DEFAULT_PLAN } from '../../../shared/schemas/sampling.ts';
import { queryRows } from '../db/client.ts';
import { teams } from '../db/schema/index.ts';
import {
  type BuiltUser,
  TEST_PASSWORD,
  buildApiToken,
  buildAssignment,
  buildForm,
  buildInteraction,
  buildQueue,
  buildTeam,
  buildTeamWithMembers,
  buildUser,
} from '../../test/factories.ts';
import { type RequestOptions, type TestServer, getTestServer } from '../../test/server.ts';
import { declaredActions } from './engine.ts';

type Caller = { user: BuiltUser; teamId: number };
type Call = { path: string } & Pick<RequestOptions, 'body' | 'rawBody' | 'headers'>;
type Rule = {
  /** The `x-policy` the operation must carry. */
  policy: string;
  /** Roles that may call it; every other role gets 403. `public` needs no credentials. */
  allowed: readonly Role[] | 'public';
  /** A plausible valid request by `caller` (fresh records, so calls do not interfere). */
  call: (server: TestServer, caller: Caller) => Promise<Call>;
};

const ALL = ROLES;
const PEOPLE_ADMINS: Role[] = ['admin', 'hr'];
const AUDITORS: Role[] = ['admin', 'qa_lead'];
const ADMIN: Role[] = ['admin'];
const SEE_INTERACTIONS: Role[] = [
  'admin',
  'qa_lead',
  'qa',
  'team_leader',
  'agent',
  'coach',
  'trainer',
  'manager',
];
/** The smallest file the server takes for WAV: it checks the contents ("RIFF" … "WAVE"), not only the type. */
const WAV = new Uint8Array(
  Buffer.concat([Buffer.from('RIFF'), Buffer.alloc(4), Buffer.from('WAVE'), Buffer.alloc(32)]),
);
const FORM = {
  name: 'Matrix form',
  pass_mark: 80,
  sections: [{ title: 'S', items: [{ text: 'Greets', category: 'phrasing', points: 10, fatal: false }] }],
};
/** An import (made directly) for the import-history rows. */
async function importOf(s: TestServer, c: Caller): Promise<number> {
  const [row] = await queryRows<{ id: number }>(
    s.database.db,
    sql`insert into interaction_imports (created_by, status, source, format, heartbeat_at)
        values (${c.user.id}, 'done', 'api', 'csv', now()) returning id`,
  );
  assert.ok(row);
  return row.id;
}

const EVALUATORS: Role[] = ['qa', 'qa_lead'];
const SEE_EVALUATIONS: Role[] = [
  'admin',
  'qa_lead',
  'qa',
  'team_leader',
  'agent',
  'coach',
  'trainer',
  'manager',
  'hr',
];
const POLICY_KEEPERS: Role[] = ['admin', 'qa_lead'];
const COMPLIANCE_READERS: Role[] = ['admin', 'qa_lead', 'qa', 'team_leader', 'agent', 'manager', 'hr'];
const COMPLIANCE_PLANNERS: Role[] = ['admin', 'qa_lead', 'qa', 'manager'];

/**
 * A submitted evaluation (through the API, by a fresh inspector) of `agentId`, optionally taken
 * further: acknowledged by that agent, or disputed (and forwarded to QA review).
 */
async function evaluationOf(
  s: TestServer,
  agentId: number,
  then: 'submitted' | 'acknowledged' | 'disputed' | 'qa_review' | 'draft' = 'submitted',
  evaluatorId?: number,
): Promise<{ id: number; version: number; disputeId?: number }> {
  const db = s.database.db;
  const inspector = evaluatorId ?? (await buildUser(db, { roles: ['qa'] })).id;
  const form = await buildForm(db);
  const interaction = await buildInteraction(db, { agentId });
  const created = await s.request('POST', '/api/v1/evaluations', {
    as: inspector,
    body: {
      interaction_id: interaction.id,
      form_id: form.id,
      method: 'recording_review',
      answers: form.itemIds.map((item_id) => ({ item_id, result: 'pass' })),
      submit: then !== 'draft',
    },
  });
  assert.equal(created.status, 201, created.text);
  const id = created.body.id as number;
  if (then === 'acknowledged') {
    // The CSR signs with their own name.
    const [csr] = await queryRows<{ display_name: string }>(
      db,
      sql`select display_name from users where id = ${agentId}`,
    );
    const ack = await s.request('POST', `/api/v1/evaluations/${id}/acknowledge`, {
      as: agentId,
      body: { signature: csr?.display_name ?? '' },
    });
    assert.equal(ack.status, 200, ack.text);
  }
  let disputeId: number | undefined;
  if (then === 'disputed' || then === 'qa_review') {
    const raised = await s.request('POST', `/api/v1/evaluations/${id}/disputes`, {
      as: agentId,
      body: { reason: 'r' },
    });
    assert.equal(raised.status, 201, raised.text);
    disputeId = raised.body.id as number;
    if (then === 'qa_review') {
      const [leader] = await queryRows<{ id: number }>(
        db,
        sql`select t.leader_id as id from users u join teams t on t.id = u.team_id where u.id = ${agentId}`,
      );
      assert.ok(leader?.id, 'the agent needs a team leader to forward');
      const forwarded = await s.request('POST', `/api/v1/disputes/${disputeId}/decision`, {
        as: leader.id,
        body: { uphold: false },
      });
      assert.equal(forwarded.status, 200, forwarded.text);
    }
  }
  return { id, version: created.body.version as number, disputeId };
}

/** An agent in the caller's team (which the caller leads when a team leader). */
async function teammateOf(s: TestServer, c: Caller): Promise<number> {
  return (await buildUser(s.database.db, { roles: ['agent'], teamId: c.teamId })).id;
}

const QUEUE_HOLDERS: Role[] = ['admin', 'qa_lead', 'qa'];

/** A pending assignment of a fresh CSR's contact for `assigneeId` (unassigned when null). */
function assignmentOf(s: TestServer, assigneeId: number | null) {
  return buildUser(s.database.db, { roles: ['agent'] }).then((agent) =>
    buildAssignment(s.database.db, { agentId: agent.id, assigneeId }),
  );
}

const PLAN_READERS: Role[] = ['admin', 'qa_lead', 'qa', 'manager'];
const ROSTER_KEEPERS: Role[] = ['admin', 'qa_lead', 'hr'];
const SEE_ROSTER: Role[] = ['admin', 'qa_lead', 'qa', 'team_leader', 'agent', 'coach', 'manager', 'hr'];
/** A fresh proposed sampling plan (version 1), inserted directly. */
async function proposedPlan(s: TestServer): Promise<number> {
  const [row] = await queryRows<{ id: number }>(
    s.database.db,
    sql`insert into sampling_plans (name, status, daily_min, monthly_min, config)
        values ('Matrix plan', 'proposed', 3, 20, ${JSON.stringify(DEFAULT_PLAN.config)}::jsonb) returning id`,
  );
  assert.ok(row);
  return row.id;
}

let seq = 0;
const unique = (prefix: string) => `${prefix}${process.pid}x${++seq}`;

const MATRIX: Record<string, Rule> = {
  'GET /api/v1/health': { policy: 'public', allowed: 'public', call: () => p('/api/v1/health') },
  'POST /api/v1/session': {
    policy: 'public',
    allowed: 'public',
    call: (_s, c) => p('/api/v1/session', { body: { username: c.user.username, password: TEST_PASSWORD } }),
  },
  'DELETE /api/v1/session': { policy: 'session.delete', allowed: ALL, call: () => p('/api/v1/session') },
  'GET /api/v1/me': { policy: 'me.read', allowed: ALL, call: () => p('/api/v1/me') },
  'POST /api/v1/me/password': {
    policy: 'me.change_password',
    allowed: ALL,
    call: () =>
      p('/api/v1/me/password', {
        body: { current_password: TEST_PASSWORD, new_password: 'another-password-2' },
      }),
  },
  'GET /api/v1/users': { policy: 'users.list', allowed: ALL, call: () => p('/api/v1/users') },
  'POST /api/v1/users': {
    policy: 'users.create',
    allowed: PEOPLE_ADMINS,
    call: (_s, c) =>
      p('/api/v1/users', {
        body: {
          username: unique('new.'),
          display_name: 'New Agent',
          password: 'a-good-password',
          roles: ['agent'],
          team_id: c.teamId,
        },
      }),
  },
  'GET /api/v1/users/{id}': {
    policy: 'users.read',
    allowed: ALL,
    call: (_s, c) => p(`/api/v1/users/${c.user.id}`),
  },
  // Editing even one's own record is for people administrators only.
  'PATCH /api/v1/users/{id}': {
    policy: 'users.update',
    allowed: PEOPLE_ADMINS,
    call: (_s, c) => p(`/api/v1/users/${c.user.id}`, { body: { version: 1, display_name: 'Renamed' } }),
  },
  'POST /api/v1/users/import': {
    policy: 'users.import',
    allowed: PEOPLE_ADMINS,
    call: () =>
      p('/api/v1/users/import', {
        rawBody: `username,display_name,password,roles\n${unique('imp.')},Imported,a-good-password,agent\n`,
        headers: { 'content-type': 'text/csv' },
      }),
  },
  'GET /api/v1/teams': { policy: 'teams.list', allowed: ALL, call: () => p('/api/v1/teams') },
  'POST /api/v1/teams': {
    policy: 'teams.create',
    allowed: PEOPLE_ADMINS,
    call: () => p('/api/v1/teams', { body: { name: unique('Team ') } }),
  },
  'GET /api/v1/teams/{id}': {
    policy: 'teams.read',
    allowed: ALL,
    call: (_s, c) => p(`/api/v1/teams/${c.teamId}`),
  },
  'PATCH /api/v1/teams/{id}': {
    policy: 'teams.update',
    allowed: PEOPLE_ADMINS,
    call: async (s) => {
      const team = await buildTeam(s.database.db);
      return p(`/api/v1/teams/${team.id}`, { body: { version: 1, name: unique('Renamed ') } });
    },
  },
  'GET /api/v1/queues': { policy: 'queues.list', allowed: ALL, call: () => p('/api/v1/queues') },
  'POST /api/v1/queues': {
    policy: 'queues.create',
    allowed: ADMIN,
    call: () => p('/api/v1/queues', { body: { code: unique('q-'), name: 'Queue' } }),
  },
  'GET /api/v1/queues/{id}': {
    policy: 'queues.read',
    allowed: ALL,
    call: async (s) => p(`/api/v1/queues/${(await buildQueue(s.database.db)).id}`),
  },
  'PATCH /api/v1/queues/{id}': {
    policy: 'queues.update',
    allowed: ADMIN,
    call: async (s) =>
      p(`/api/v1/queues/${(await buildQueue(s.database.db)).id}`, { body: { version: 1, name: 'Renamed' } }),
  },
  'GET /api/v1/tokens': { policy: 'tokens.list', allowed: ADMIN, call: () => p('/api/v1/tokens') },
  'POST /api/v1/tokens': {
    policy: 'tokens.create',
    allowed: ADMIN,
    call: () => p('/api/v1/tokens', { body: { name: 'telephony' } }),
  },
  'DELETE /api/v1/tokens/{id}': {
    policy: 'tokens.revoke',
    allowed: ADMIN,
    call: async (s, c) =>
      p(`/api/v1/tokens/${(await buildApiToken(s.database.db, { userId: c.user.id })).id}`),
  },
  'GET /api/v1/audit': { policy: 'audit.list', allowed: AUDITORS, call: () => p('/api/v1/audit') },
  'GET /api/v1/audit/verify': {
    policy: 'audit.verify',
    allowed: AUDITORS,
    call: () => p('/api/v1/audit/verify'),
  },
  // Interactions: everyone who works with calls reads them in their scope (own, team, all);
  // kb_editor and hr see none. Imports and recording uploads are the QA lead's and the admin's.
  'GET /api/v1/interactions': {
    policy: 'interactions.list',
    allowed: SEE_INTERACTIONS,
    call: () => p('/api/v1/interactions'),
  },
  'GET /api/v1/interactions/{id}': {
    policy: 'interactions.read',
    allowed: SEE_INTERACTIONS,
    call: async (s, c) =>
      p(`/api/v1/interactions/${(await buildInteraction(s.database.db, { agentId: c.user.id })).id}`),
  },
  'POST /api/v1/interactions/import': {
    policy: 'interactions.import',
    allowed: AUDITORS,
    call: (_s, c) =>
      p('/api/v1/interactions/import', {
        rawBody: `external_id,agent,started_at,duration_s,channel\n${unique('call-')},${c.user.username},2026-11-02 09:30,60,call\n`,
        headers: { 'content-type': 'text/csv' },
      }),
  },
  'GET /api/v1/imports': { policy: 'imports.list', allowed: AUDITORS, call: () => p('/api/v1/imports') },
  'GET /api/v1/imports/{id}': {
    policy: 'imports.read',
    allowed: AUDITORS,
    call: async (s, c) => p(`/api/v1/imports/${await importOf(s, c)}`),
  },
  'GET /api/v1/imports/{id}/rejections.csv': {
    policy: 'imports.read',
    allowed: AUDITORS,
    call: async (s, c) => p(`/api/v1/imports/${await importOf(s, c)}/rejections.csv`),
  },
  'POST /api/v1/interactions/{id}/recording': {
    policy: 'interactions.upload_recording',
    allowed: AUDITORS,
    call: async (s, c) =>
      p(
        `/api/v1/interactions/${(await buildInteraction(s.database.db, { agentId: c.user.id })).id}/recording`,
        {
          rawBody: WAV,
          headers: { 'content-type': 'audio/wav' },
        },
      ),
  },
  'GET /api/v1/interactions/{id}/recording': {
    policy: 'interactions.read',
    allowed: SEE_INTERACTIONS,
    call: async (s, c) => {
      const interaction = await buildInteraction(s.database.db, { agentId: c.user.id });
      const uploader = await buildUser(s.database.db, { roles: ['admin'] });
      const res = await s.request('POST', `/api/v1/interactions/${interaction.id}/recording`, {
        as: uploader.id,
        rawBody: WAV,
        headers: { 'content-type': 'audio/wav' },
      });
      assert.equal(res.status, 200, res.text);
      return p(`/api/v1/interactions/${interaction.id}/recording`);
    },
  },
  // Scorecards are the center's open standard: everyone reads; the QA lead and admin maintain them.
  'GET /api/v1/forms': { policy: 'forms.list', allowed: ALL, call: () => p('/api/v1/forms') },
  'POST /api/v1/forms': {
    policy: 'forms.create',
    allowed: AUDITORS,
    call: () => p('/api/v1/forms', { body: FORM }),
  },
  'GET /api/v1/forms/{id}': {
    policy: 'forms.read',
    allowed: ALL,
    call: async (s) => p(`/api/v1/forms/${(await buildForm(s.database.db)).id}`),
  },
  'PUT /api/v1/forms/{id}': {
    policy: 'forms.update',
    allowed: AUDITORS,
    call: async (s) =>
      p(`/api/v1/forms/${(await buildForm(s.database.db)).id}`, { body: { ...FORM, version: 1 } }),
  },
  'GET /api/v1/forms/{id}/versions': {
    policy: 'forms.read',
    allowed: ALL,
    call: async (s) => p(`/api/v1/forms/${(await buildForm(s.database.db)).id}/versions`),
  },
  'POST /api/v1/forms/{id}/archive': {
    policy: 'forms.archive',
    allowed: AUDITORS,
    call: async (s) =>
      p(`/api/v1/forms/${(await buildForm(s.database.db)).id}/archive`, { body: { version: 1 } }),
  },
  'POST /api/v1/forms/{id}/restore': {
    policy: 'forms.archive',
    allowed: AUDITORS,
    call: async (s) =>
      p(`/api/v1/forms/${(await buildForm(s.database.db, { status: 'archived' })).id}/restore`, {
        body: { version: 1 },
      }),
  },
  'POST /api/v1/forms/{id}/duplicate': {
    policy: 'forms.create',
    allowed: AUDITORS,
    call: async (s) => p(`/api/v1/forms/${(await buildForm(s.database.db)).id}/duplicate`),
  },
  'GET /api/v1/score-categories': {
    policy: 'categories.list',
    allowed: ALL,
    call: () => p('/api/v1/score-categories'),
  },
  'POST /api/v1/score-categories': {
    policy: 'categories.create',
    allowed: AUDITORS,
    call: () =>
      p('/api/v1/score-categories', {
        body: { key: unique('cat_').replace(/[^a-z0-9_]/g, '_'), name_zh: '类别', name_en: 'Category' },
      }),
  },
  'PATCH /api/v1/score-categories/{id}': {
    policy: 'categories.update',
    allowed: AUDITORS,
    call: async (s) => {
      const [row] = await queryRows<{ id: number; version: number }>(
        s.database.db,
        sql`select id, version from score_categories where key = 'knowledge'`,
      );
      return p(`/api/v1/score-categories/${row?.id}`, { body: { version: row?.version, position: 1 } });
    },
  },
  // Evaluations: the route gate is by role; which record is checked inside (own, own team, own draft).
  'POST /api/v1/evaluations': {
    policy: 'evaluations.create',
    allowed: EVALUATORS,
    call: async (s) => {
      const form = await buildForm(s.database.db);
      const agent = await buildUser(s.database.db, { roles: ['agent'] });
      return p('/api/v1/evaluations', {
        body: {
          agent_id: agent.id,
          form_id: form.id,
          method: 'on_site',
          answers: form.itemIds.map((item_id) => ({ item_id, result: 'pass' })),
          submit: true,
        },
      });
    },
  },
  'GET /api/v1/evaluations': {
    policy: 'evaluations.list',
    allowed: SEE_EVALUATIONS,
    call: () => p('/api/v1/evaluations'),
  },
  'GET /api/v1/evaluations/{id}': {
    policy: 'evaluations.list',
    allowed: SEE_EVALUATIONS,
    call: async (s, c) => p(`/api/v1/evaluations/${(await evaluationOf(s, c.user.id)).id}`),
  },
  'PATCH /api/v1/evaluations/{id}': {
    policy: 'evaluations.write',
    allowed: EVALUATORS,
    call: async (s, c) => {
      const agent = await buildUser(s.database.db, { roles: ['agent'] });
      const draft = await evaluationOf(
        s,
        agent.id,
        'draft',
        c.user.roles.some((r) => EVALUATORS.includes(r)) ? c.user.id : undefined,
      );
      return p(`/api/v1/evaluations/${draft.id}`, {
        body: { version: draft.version, answers: [], submit: false },
      });
    },
  },
  // Discarding: the gate is by role; the draft must be the caller's own (qa_lead included).
  'DELETE /api/v1/evaluations/{id}': {
    policy: 'evaluations.write',
    allowed: EVALUATORS,
    call: async (s, c) => {
      const agent = await buildUser(s.database.db, { roles: ['agent'] });
      const draft = await evaluationOf(
        s,
        agent.id,
        'draft',
        c.user.roles.some((r) => EVALUATORS.includes(r)) ? c.user.id : undefined,
      );
      return p(`/api/v1/evaluations/${draft.id}?version=${draft.version}`);
    },
  },
  'POST /api/v1/evaluations/{id}/acknowledge': {
    policy: 'evaluations.confirm',
    allowed: ['agent'],
    call: async (s, c) =>
      p(`/api/v1/evaluations/${(await evaluationOf(s, c.user.id)).id}/acknowledge`, {
        body: { signature: c.user.username }, // the factory's display name
      }),
  },
  'POST /api/v1/evaluations/{id}/countersign': {
    policy: 'evaluations.cosign',
    allowed: ['team_leader'],
    call: async (s, c) => {
      const e = await evaluationOf(s, await teammateOf(s, c), 'acknowledged');
      return p(`/api/v1/evaluations/${e.id}/countersign`, { body: { signature: c.user.username } });
    },
  },
  'POST /api/v1/evaluations/{id}/disputes': {
    policy: 'evaluations.confirm',
    allowed: ['agent'],
    call: async (s, c) =>
      p(`/api/v1/evaluations/${(await evaluationOf(s, c.user.id)).id}/disputes`, {
        body: { reason: 'not fair' },
      }),
  },
  'GET /api/v1/evaluations/{id}/confirmation.pdf': {
    policy: 'evaluations.list',
    allowed: SEE_EVALUATIONS,
    call: async (s, c) => p(`/api/v1/evaluations/${(await evaluationOf(s, c.user.id)).id}/confirmation.pdf`),
  },
  'GET /api/v1/evaluations/{id}/confirmation.xlsx': {
    policy: 'evaluations.list',
    allowed: SEE_EVALUATIONS,
    call: async (s, c) => p(`/api/v1/evaluations/${(await evaluationOf(s, c.user.id)).id}/confirmation.xlsx`),
  },
  'GET /api/v1/disputes': {
    policy: 'disputes.list',
    allowed: SEE_EVALUATIONS,
    // With the accuracy drill-down's filters: the same rule, the caller's scope narrowed.
    call: async (s) => {
      const inspector = await buildUser(s.database.db, { roles: ['qa'] });
      return p(`/api/v1/disputes?evaluator_id=${inspector.id}&month=2026-11&outcome=overturned`);
    },
  },
  'GET /api/v1/disputes/{id}': {
    policy: 'disputes.list',
    allowed: SEE_EVALUATIONS,
    call: async (s, c) => {
      const agent = await teammateOf(s, c);
      const e = await evaluationOf(s, agent, 'disputed');
      // The caller sees it as the agent's team (leader), or with a center-wide scope; an agent needs their own.
      if (c.user.roles.includes('agent')) {
        const own = await evaluationOf(s, c.user.id, 'disputed');
        return p(`/api/v1/disputes/${own.disputeId}`);
      }
      return p(`/api/v1/disputes/${e.disputeId}`);
    },
  },
  'POST /api/v1/disputes/{id}/decision': {
    policy: 'disputes.decide',
    allowed: ['team_leader', 'qa_lead'],
    call: async (s, c) => {
      const leader = c.user.roles.includes('team_leader');
      const agent = await teammateOf(s, c);
      if (!leader) {
        // Give the agent's (fresh) team a leader so the dispute can be forwarded to QA review.
        const teamLeader = await buildUser(s.database.db, { roles: ['team_leader'], teamId: c.teamId });
        await s.database.db.update(teams).set({ leader_id: teamLeader.id }).where(eq(teams.id, c.teamId));
      }
      const e = await evaluationOf(s, agent, leader ? 'disputed' : 'qa_review');
      if (leader) return p(`/api/v1/disputes/${e.disputeId}/decision`, { body: { uphold: true } });
      // The QA lead's correction, with the remarks and pinned comments corrected too.
      const answers = await queryRows<{ item_id: number; result: string }>(
        s.database.db,
        sql`select item_id, result from evaluation_answers where evaluation_id = ${e.id}`,
      );
      return p(`/api/v1/disputes/${e.disputeId}/decision`, {
        body: {
          uphold: false,
          corrected_answers: answers,
          corrected_positives: '语气亲切',
          corrected_negatives: null,
          corrected_marks: [{ at_s: 1, text: '复核意见' }],
        },
      });
    },
  },
  'GET /api/v1/notifications': {
    policy: 'notifications.read',
    allowed: ALL,
    call: () => p('/api/v1/notifications'),
  },
  'POST /api/v1/notifications/{id}/read': {
    policy: 'notifications.read',
    allowed: ALL,
    call: async (s, c) => {
      const [row] = await queryRows<{ id: number }>(
        s.database.db,
        sql`insert into notifications (user_id, kind, entity_type, entity_id) values (${c.user.id}, 'evaluation_submitted', 'evaluation', '1') returning id::int as id`,
      );
      return p(`/api/v1/notifications/${row?.id}/read`);
    },
  },
  'POST /api/v1/notifications/read-all': {
    policy: 'notifications.read',
    allowed: ALL,
    call: () => p('/api/v1/notifications/read-all'),
  },
  'GET /api/v1/reports/inspector-accuracy': {
    policy: 'accuracy.read',
    allowed: ['admin', 'qa_lead', 'manager'],
    call: () => p('/api/v1/reports/inspector-accuracy?month=2026-11'),
  },
  'GET /api/v1/test-call-scenarios': {
    policy: 'test_calls.list',
    allowed: ['admin', 'qa_lead', 'qa'],
    call: () => p('/api/v1/test-call-scenarios'),
  },
  'POST /api/v1/test-call-scenarios': {
    policy: 'test_calls.manage',
    allowed: POLICY_KEEPERS,
    call: () =>
      p('/api/v1/test-call-scenarios', {
        body: { title: 'T', caller_script: 'ask', expected_answer: 'answer' },
      }),
  },
  'GET /api/v1/test-call-scenarios/{id}': {
    policy: 'test_calls.list',
    allowed: ['admin', 'qa_lead', 'qa'],
    call: async (s) => {
      const [row] = await queryRows<{ id: number }>(
        s.database.db,
        sql`insert into test_call_scenarios (title, caller_script, expected_answer) values ('T', 'a', 'b') returning id`,
      );
      return p(`/api/v1/test-call-scenarios/${row?.id}`);
    },
  },
  'PATCH /api/v1/test-call-scenarios/{id}': {
    policy: 'test_calls.manage',
    allowed: POLICY_KEEPERS,
    call: async (s) => {
      const [row] = await queryRows<{ id: number }>(
        s.database.db,
        sql`insert into test_call_scenarios (title, caller_script, expected_answer) values ('T', 'a', 'b') returning id`,
      );
      return p(`/api/v1/test-call-scenarios/${row?.id}`, { body: { version: 1, title: 'T2' } });
    },
  },
  'POST /api/v1/test-call-scenarios/{id}/duplicate': {
    policy: 'test_calls.manage',
    allowed: POLICY_KEEPERS,
    call: async (s) => {
      const [row] = await queryRows<{ id: number }>(
        s.database.db,
        sql`insert into test_call_scenarios (title, caller_script, expected_answer) values ('T', 'a', 'b') returning id`,
      );
      return p(`/api/v1/test-call-scenarios/${row?.id}/duplicate`, { body: { title: 'T copy' } });
    },
  },
  'GET /api/v1/settings': { policy: 'settings.read', allowed: ALL, call: () => p('/api/v1/settings') },
  'PATCH /api/v1/settings': {
    policy: 'settings.update',
    allowed: POLICY_KEEPERS,
    call: async (s) => {
      const [row] = await queryRows<{ version: number }>(
        s.database.db,
        sql`select sum(version)::int as version from settings`,
      );
      return p('/api/v1/settings', { body: { version: row?.version ?? 0, confirmation_window_days: 3 } });
    },
  },
  // Sampling (issue 5): the plan is read by QA and management and kept by the QA lead and admin,
  // who also run the day; the roster is kept by them and HR and read in each role's scope.
  'GET /api/v1/sampling/plans': {
    policy: 'sampling.plans.read',
    allowed: PLAN_READERS,
    call: () => p('/api/v1/sampling/plans'),
  },
  'GET /api/v1/sampling/plans/active': {
    policy: 'sampling.plans.read',
    allowed: PLAN_READERS,
    call: () => p('/api/v1/sampling/plans/active'),
  },
  'POST /api/v1/sampling/plans': {
    policy: 'sampling.plans.manage',
    allowed: POLICY_KEEPERS,
    call: () => p('/api/v1/sampling/plans', { body: { ...DEFAULT_PLAN, name: unique('Plan ') } }),
  },
  'GET /api/v1/sampling/plans/{id}': {
    policy: 'sampling.plans.read',
    allowed: PLAN_READERS,
    call: async (s) => p(`/api/v1/sampling/plans/${await proposedPlan(s)}`),
  },
  'PATCH /api/v1/sampling/plans/{id}': {
    policy: 'sampling.plans.manage',
    allowed: POLICY_KEEPERS,
    call: async (s) =>
      p(`/api/v1/sampling/plans/${await proposedPlan(s)}`, { body: { version: 1, daily_min: 4 } }),
  },
  'POST /api/v1/sampling/plans/{id}/activate': {
    policy: 'sampling.plans.manage',
    allowed: POLICY_KEEPERS,
    call: async (s) => p(`/api/v1/sampling/plans/${await proposedPlan(s)}/activate`, { body: {} }),
  },
  'POST /api/v1/sampling/plans/{id}/archive': {
    policy: 'sampling.plans.manage',
    allowed: POLICY_KEEPERS,
    call: async (s) => p(`/api/v1/sampling/plans/${await proposedPlan(s)}/archive`, { body: {} }),
  },
  'POST /api/v1/sampling/run': {
    policy: 'sampling.run',
    allowed: POLICY_KEEPERS,
    call: () => p('/api/v1/sampling/run', { body: { date: '2025-01-01' } }),
  },
  'GET /api/v1/sampling/runs': {
    policy: 'sampling.runs.list',
    allowed: PLAN_READERS,
    call: () => p('/api/v1/sampling/runs'),
  },
  'POST /api/v1/shifts/import': {
    policy: 'shifts.manage',
    allowed: ROSTER_KEEPERS,
    call: async (s, c) => {
      const agent = await buildUser(s.database.db, { roles: ['agent'], teamId: c.teamId });
      return p('/api/v1/shifts/import', {
        rawBody: `agent,date,shift\n${agent.username},2026-11-02,early\n`,
        headers: { 'content-type': 'text/csv' },
      });
    },
  },
  'GET /api/v1/shifts': {
    policy: 'shifts.list',
    allowed: SEE_ROSTER,
    call: () => p('/api/v1/shifts?from=2026-11-01&to=2026-11-30'),
  },
  'GET /api/v1/shifts/days': {
    policy: 'shifts.list',
    allowed: SEE_ROSTER,
    call: () => p('/api/v1/shifts/days?from=2026-11-01&to=2026-11-30'),
  },
  'DELETE /api/v1/shifts/{id}': {
    policy: 'shifts.manage',
    allowed: ROSTER_KEEPERS,
    call: async (s, c) => {
      const agent = await buildUser(s.database.db, { roles: ['agent'], teamId: c.teamId });
      const [row] = await queryRows<{ id: number }>(
        s.database.db,
        sql`insert into shifts (agent_id, date) values (${agent.id}, '2026-11-02') returning id::int as id`,
      );
      return p(`/api/v1/shifts/${row?.id}`);
    },
  },
  // Compliance board, sample size, monthly targeted plan (clauses 3, 4.3, 4.5).
  'GET /api/v1/compliance': {
    policy: 'compliance.read',
    allowed: COMPLIANCE_READERS,
    call: () => p('/api/v1/compliance?month=2026-11'),
  },
  'GET /api/v1/compliance/agents/{id}': {
    policy: 'compliance.read',
    allowed: COMPLIANCE_READERS,
    // A CSR reads their own month; everyone else a CSR of the caller's (led) team.
    call: async (s, c) =>
      p(
        `/api/v1/compliance/agents/${c.user.roles.includes('agent') ? c.user.id : await teammateOf(s, c)}?month=2026-11`,
      ),
  },
  'GET /api/v1/compliance/sample-size': {
    policy: 'compliance.read',
    allowed: COMPLIANCE_READERS,
    call: () => p('/api/v1/compliance/sample-size?margin=5&sd=10'),
  },
  'GET /api/v1/compliance/proposals': {
    policy: 'compliance.plans',
    allowed: COMPLIANCE_PLANNERS,
    call: () => p('/api/v1/compliance/proposals?month=2026-12'),
  },
  'POST /api/v1/compliance/proposals': {
    policy: 'compliance.propose',
    allowed: POLICY_KEEPERS,
    call: () =>
      p('/api/v1/compliance/proposals', { body: { month: '2026-12', replace: true, max_fatal_rate: 0.04 } }),
  },
  'GET /api/v1/compliance/comparison': {
    policy: 'compliance.plans',
    allowed: COMPLIANCE_PLANNERS,
    call: () => p('/api/v1/compliance/comparison?month=2026-12'),
  },
  // The work queue: an inspector their own assignments, the QA lead and admin everyone's.
  'GET /api/v1/assignments': {
    policy: 'assignments.list',
    allowed: QUEUE_HOLDERS,
    call: () => p('/api/v1/assignments'),
  },
  'GET /api/v1/assignments/summary': {
    policy: 'assignments.list',
    allowed: QUEUE_HOLDERS,
    call: () => p('/api/v1/assignments/summary'),
  },
  'GET /api/v1/assignments/inspectors': {
    policy: 'assignments.manage',
    allowed: POLICY_KEEPERS,
    call: () => p('/api/v1/assignments/inspectors'),
  },
  'GET /api/v1/assignments/{id}': {
    policy: 'assignments.list',
    allowed: QUEUE_HOLDERS,
    call: async (s, c) => p(`/api/v1/assignments/${(await assignmentOf(s, c.user.id)).id}`),
  },
  'POST /api/v1/assignments/{id}/skip': {
    policy: 'assignments.skip',
    allowed: QUEUE_HOLDERS,
    call: async (s, c) =>
      p(`/api/v1/assignments/${(await assignmentOf(s, c.user.id)).id}/skip`, {
        body: { reason: 'no audio' },
      }),
  },
  'POST /api/v1/assignments/{id}/reassign': {
    policy: 'assignments.manage',
    allowed: POLICY_KEEPERS,
    call: async (s) => {
      const a = await assignmentOf(s, (await buildUser(s.database.db, { roles: ['qa'] })).id);
      const target = await buildUser(s.database.db, { roles: ['qa'] });
      return p(`/api/v1/assignments/${a.id}/reassign`, {
        body: { assignee_id: target.id, version: a.version },
      });
    },
  },
  'POST /api/v1/assignments/{id}/release': {
    policy: 'assignments.manage',
    allowed: POLICY_KEEPERS,
    call: async (s) => {
      const a = await assignmentOf(s, (await buildUser(s.database.db, { roles: ['qa'] })).id);
      return p(`/api/v1/assignments/${a.id}/release`, { body: { version: a.version } });
    },
  },
  'POST /api/v1/assignments/reassign': {
    policy: 'assignments.manage',
    allowed: POLICY_KEEPERS,
    call: async (s) => {
      const a = await assignmentOf(s, null);
      const target = await buildUser(s.database.db, { roles: ['qa'] });
      return p('/api/v1/assignments/reassign', {
        body: { items: [{ id: a.id, version: a.version }], assignee_ids: [target.id] },
      });
    },
  },
  'POST /api/v1/assignments/release': {
    policy: 'assignments.manage',
    allowed: POLICY_KEEPERS,
    call: async (s) => {
      const a = await assignmentOf(s, (await buildUser(s.database.db, { roles: ['qa'] })).id);
      return p('/api/v1/assignments/release', { body: { items: [{ id: a.id, version: a.version }] } });
    },
  },
  'GET /api/v1/reports/monthly': {
    policy: 'reports.read',
    allowed: SEE_EVALUATIONS,
    call: () => p('/api/v1/reports/monthly?month=2026-10'),
  },
  'GET /api/v1/reports/ten-day': {
    policy: 'reports.read',
    allowed: SEE_EVALUATIONS,
    call: () => p('/api/v1/reports/ten-day?month=2026-10&part=3'),
  },
  'GET /api/v1/reports/daily': {
    policy: 'reports.read',
    allowed: SEE_EVALUATIONS,
    call: () => p('/api/v1/reports/daily?date=2026-10-21'),
  },
  'GET /api/v1/reports/kpi': {
    policy: 'reports.kpi',
    allowed: ['admin', 'qa_lead', 'manager', 'hr', 'team_leader'],
    call: () => p('/api/v1/reports/kpi?month=2026-10&format=csv'),
  },
  'GET /api/v1/reports/qa-summary': {
    policy: 'reports.qa_summary.read',
    allowed: ['admin', 'qa_lead', 'qa', 'manager'],
    call: () => p('/api/v1/reports/qa-summary?month=2026-10'),
  },
  // A month of its own per call, so version 0 is always current.
  'PUT /api/v1/reports/qa-summary/{month}': {
    policy: 'reports.qa_summary.write',
    allowed: POLICY_KEEPERS,
    call: () =>
      p(`/api/v1/reports/qa-summary/${2100 + ++seq}-06`, {
        body: { findings: 'f', measures: 'm', version: 0 },
      }),
  },
  // A CSR opens their own page; everyone else a CSR of the caller's team (a team leader's scope).
  'GET /api/v1/reports/my-quality': {
    policy: 'reports.my_quality',
    allowed: SEE_EVALUATIONS,
    call: async (s, c) =>
      p(
        `/api/v1/reports/my-quality?agent_id=${c.user.roles.includes('agent') ? c.user.id : await teammateOf(s, c)}`,
      ),
  },
  // The home pages' own figures: center-wide counts of the most-failed items (no CSR named).
  'GET /api/v1/home/failed-items': {
    policy: 'home.failed_items',
    allowed: ['admin', 'qa_lead', 'qa', 'manager', 'trainer', 'coach', 'kb_editor'],
    call: () => p('/api/v1/home/failed-items?from=2026-11-01&to=2026-11-30&category=knowledge'),
  },
};

/**
 * Operations whose per-role rows (with a valid request each) are still to be written by their
 * module's owners: move each into MATRIX. Until then they are held to their x-policy and to 401
 * without credentials, and a new operation must still be listed here or in MATRIX.
 */
const PENDING: Record<string, string> = {};

function p(path: string, rest: Omit<Call, 'path'> = {}): Promise<Call> {
  return Promise.resolve({ path, ...rest });
}

type Operation = { key: string; method: string; path: string; policy: unknown };

describe('authorization matrix', () => {
  let server: TestServer;
  let operations: Operation[];

  before(async () => {
    server = await getTestServer();
    const res = await server.request('GET', '/api/openapi.json');
    assert.equal(res.status, 200);
    const paths = res.body.paths as Record<string, Record<string, Record<string, unknown>>>;
    operations = Object.entries(paths).flatMap(([path, ops]) =>
      Object.entries(ops).map(([method, op]) => ({
        key: `${method.toUpperCase()} ${path}`,
        method: method.toUpperCase(),
        path,
        policy: op['x-policy'],
      })),
    );
    assert.ok(operations.length >= Object.keys(MATRIX).length);
  });
  after(() => server.close());

  /** A fresh user with exactly one role, in a fresh team (which a team leader leads). */
  async function caller(role: Role): Promise<Caller> {
    const db = server.database.db;
    const team = await buildTeam(db);
    const user = await buildUser(db, { roles: [role], teamId: team.id });
    if (role === 'team_leader')
      await db.update(teams).set({ leader_id: user.id }).where(eq(teams.id, team.id));
    return { user, teamId: team.id };
  }

  it('every operation names a declared rule or is public', () => {
    const declared = new Set(declaredActions());
    const bad = operations
      .filter((op) => op.policy !== 'public' && !(typeof op.policy === 'string' && declared.has(op.policy)))
      .map((op) => `${op.key} (x-policy: ${JSON.stringify(op.policy)})`);
    assert.deepEqual(bad, [], `operations without a declared x-policy:\n${bad.join('\n')}`);
  });

  it('every operation has a row in this matrix, and every row an operation', () => {
    const missing = operations
      .filter((op) => !MATRIX[op.key] && !PENDING[op.key])
      .map((op) => `${op.key} (${String(op.policy)})`);
    assert.deepEqual(
      missing,
      [],
      `add these operations to MATRIX in server/src/policies/authorization-matrix.test.ts, ` +
        `with the roles allowed and a valid request:\n${missing.join('\n')}`,
    );
    const documented = new Set(operations.map((op) => op.key));
    const stale = [...Object.keys(MATRIX), ...Object.keys(PENDING)].filter((key) => !documented.has(key));
    assert.deepEqual(stale, [], `rows without an operation: ${stale.join(', ')}`);
    const both = Object.keys(PENDING).filter((key) => MATRIX[key]);
    assert.deepEqual(both, [], 'an operation moved into MATRIX must leave PENDING');
  });

  it('each operation carries the rule the matrix expects', () => {
    const expected = (key: string) => MATRIX[key]?.policy ?? PENDING[key];
    const wrong = operations
      .filter((op) => expected(op.key) !== undefined && expected(op.key) !== op.policy)
      .map((op) => `${op.key}: ${String(op.policy)}, expected ${expected(op.key)}`);
    assert.deepEqual(wrong, []);
  });

  it('answers 401 without credentials on the operations still pending a matrix row', async () => {
    const wrong: string[] = [];
    for (const key of Object.keys(PENDING)) {
      const [method = '', path = ''] = key.split(' ');
      const res = await server.request(method, path.replaceAll('{id}', '1'));
      if (res.status !== 401 || res.body.error?.code !== 'unauthenticated')
        wrong.push(`${key}: ${res.status}`);
    }
    assert.deepEqual(wrong, []);
  });

  it('answers 401 without credentials on every non-public operation', async () => {
    const wrong: string[] = [];
    const agent = await caller('agent');
    for (const [key, rule] of Object.entries(MATRIX)) {
      const [method = '', path = ''] = key.split(' ');
      const call = await rule.call(server, agent);
      const res = await server.request(method, call.path, {
        body: call.body,
        rawBody: call.rawBody,
        headers: call.headers,
      });
      if (rule.allowed === 'public') {
        if (res.status >= 400) wrong.push(`${key}: public, but ${res.status} ${res.text}`);
      } else if (res.status !== 401 || res.body.error?.code !== 'unauthenticated') {
        wrong.push(`${key} (${path}): ${res.status} ${res.body.error?.code ?? ''}`);
      }
    }
    assert.deepEqual(wrong, []);
  });

  it('allows and refuses each role per the matrix', async () => {
    const wrong: string[] = [];
    for (const [key, rule] of Object.entries(MATRIX)) {
      const [method = ''] = key.split(' ');
      for (const role of ROLES) {
        const c = await caller(role);
        const call = await rule.call(server, c);
        const res = await server.request(method, call.path, {
          as: c.user.id,
          body: call.body,
          rawBody: call.rawBody,
          headers: call.headers,
        });
        const allowed = rule.allowed === 'public' || rule.allowed.includes(role);
        if (allowed && (res.status === 401 || res.status === 403 || res.status >= 400)) {
          wrong.push(`${key} as ${role}: expected success, got ${res.status} ${res.text.slice(0, 200)}`);
        }
        if (!allowed && (res.status !== 403 || res.body.error?.code !== 'forbidden')) {
          wrong.push(
            `${key} as ${role}: expected 403 forbidden, got ${res.status} ${res.text.slice(0, 200)}`,
          );
        }
      }
    }
    assert.deepEqual(wrong, [], wrong.join('\n'));
  });
  describe('ownership', () => {
    it('a QA lead does not review a dispute of an evaluation they scored (403); another QA lead does', async () => {
      const db = server.database.db;
      const { agents } = await buildTeamWithMembers(db, 1);
      const agent = agents[0];
      assert.ok(agent);
      const scorer = await buildUser(db, { roles: ['qa_lead'] });
      const reviewer = await buildUser(db, { roles: ['qa_lead'] });
      for (const [as, status] of [
        [scorer.id, 403],
        [reviewer.id, 200],
      ] as const) {
        const e = await evaluationOf(server, agent.id, 'qa_review', scorer.id);
        const res = await server.request('POST', `/api/v1/disputes/${e.disputeId}/decision`, {
          as,
          body: { uphold: true },
        });
        assert.equal(res.status, status, res.text);
        if (status === 403) assert.equal(res.body.error?.code, 'forbidden');
      }
    });

    it('an agent sees their own record and not another agent’s (404, not 403)', async () => {
      const { agents } = await buildTeamWithMembers(server.database.db, 2);
      const [me, colleague] = agents;
      assert.ok(me && colleague);
      assert.equal((await server.request('GET', `/api/v1/users/${me.id}`, { as: me.id })).status, 200);
      const other = await server.request('GET', `/api/v1/users/${colleague.id}`, { as: me.id });
      assert.equal(other.status, 404);
      assert.equal(other.body.error?.code, 'not_found');
      const patch = await server.request('PATCH', `/api/v1/users/${colleague.id}`, {
        as: me.id,
        body: { version: 1, display_name: 'x' },
      });
      assert.equal(patch.status, 404, 'a hidden record is not found, even for a write');
    });

    it('a team leader sees their team (200) and not another team’s agent (404)', async () => {
      const mine = await buildTeamWithMembers(server.database.db, 2);
      const theirs = await buildTeamWithMembers(server.database.db, 1);
      const loner = await buildUser(server.database.db);
      const member = mine.agents[0];
      const stranger = theirs.agents[0];
      assert.ok(member && stranger);
      const as = mine.leader.id;
      assert.equal((await server.request('GET', `/api/v1/users/${member.id}`, { as })).status, 200);
      assert.equal((await server.request('GET', `/api/v1/users/${mine.leader.id}`, { as })).status, 200);
      assert.equal((await server.request('GET', `/api/v1/users/${stranger.id}`, { as })).status, 404);
      assert.equal((await server.request('GET', `/api/v1/users/${theirs.leader.id}`, { as })).status, 404);
      assert.equal((await server.request('GET', `/api/v1/users/${loner.id}`, { as })).status, 404);
      // Seeing is not editing: a team leader's own team members answer 403, not 404.
      const patch = await server.request('PATCH', `/api/v1/users/${member.id}`, {
        as,
        body: { version: 1, display_name: 'x' },
      });
      assert.equal(patch.status, 403);

      const list = await server.request('GET', '/api/v1/users?limit=1000', { as });
      const ids = (list.body.items as { id: number }[]).map((u) => u.id).sort((a, b) => a - b);
      assert.deepEqual(
        ids,
        [mine.leader.id, ...mine.agents.map((a) => a.id)].sort((a, b) => a - b),
      );
      assert.equal(list.body.total, ids.length);
      const filtered = await server.request('GET', `/api/v1/users?team_id=${theirs.team.id}`, { as });
      assert.equal(filtered.body.total, 0, 'a filter cannot widen the scope');
    });

    it('a team leader who leads no team sees only themself', async () => {
      const team = await buildTeam(server.database.db);
      const leader = await buildUser(server.database.db, { roles: ['team_leader'], teamId: team.id });
      await buildUser(server.database.db, { teamId: team.id });
      const list = await server.request('GET', '/api/v1/users?limit=1000', { as: leader.id });
      assert.deepEqual(
        (list.body.items as { id: number }[]).map((u) => u.id),
        [leader.id],
      );
    });

    it('roles that read the whole directory see other teams', async () => {
      const { agents } = await buildTeamWithMembers(server.database.db, 1);
      const agent = agents[0];
      assert.ok(agent);
      for (const role of ['admin', 'hr', 'manager', 'qa_lead', 'qa', 'trainer', 'coach'] as const) {
        const viewer = await buildUser(server.database.db, { roles: [role] });
        const res = await server.request('GET', `/api/v1/users/${agent.id}`, { as: viewer.id });
        assert.equal(res.status, 200, role);
      }
      const editor = await buildUser(server.database.db, { roles: ['kb_editor'] });
      assert.equal((await server.request('GET', `/api/v1/users/${agent.id}`, { as: editor.id })).status, 404);
    });
  });
});
