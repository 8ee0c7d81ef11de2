import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../db/client.ts';
import { localDateOf, localDayRange } from '../../../../shared/time.ts';
import {
  type BuiltUser,
  buildAssignment,
  buildForm,
  buildInteraction,
  buildQueue,
  buildTeamWithMembers,
  buildUser,
} from '../../../test/factories.ts';
import { auditSince, lastAuditId } from '../../../test/db-helpers.ts';
import { type TestServer, getTestServer } from '../../../test/server.ts';
import { summaryCounts } from './assignment.repo.ts';

type Item = {
  id: number;
  interaction_id: number;
  agent_id: number;
  assignee_id: number | null;
  status: string;
  due_date: string;
  date: string;
  overdue: boolean;
  version: number;
  evaluation_id: number | null;
  skip_reason: string | null;
  completed_at: string | null;
  agent_name: string;
  assignee_name: string | null;
  team_name: string | null;
  started_at: string;
  duration_s: number;
  channel: string;
  draft_evaluation_id: number | null;
  evaluation_score: number | null;
};
type Page = { items: Item[]; total: number; next_cursor: string | null };

const DAY = 86_400_000;
const today = () => localDateOf(new Date(), 'Asia/Shanghai');
const byNumber = (a: number, b: number) => a - b;
const dayOffset = (days: number) => localDateOf(new Date(Date.now() + days * DAY), 'Asia/Shanghai');

describe('assignments: the inspectors’ work queue', () => {
  let server: TestServer;
  let qa: BuiltUser;
  let otherQa: BuiltUser;
  let lead: BuiltUser;
  let admin: BuiltUser;
  let agent: BuiltUser;
  let teammate: BuiltUser;
  let outsider: BuiltUser;
  let teamId: number;
  let form: { id: number; itemIds: number[] };

  before(async () => {
    server = await getTestServer();
    const db = server.database.db;
    const team = await buildTeamWithMembers(db, 2);
    teamId = team.team.id;
    [agent, teammate] = team.agents as [BuiltUser, BuiltUser];
    outsider = (await buildTeamWithMembers(db, 1)).agents[0] as BuiltUser;
    qa = await buildUser(db, { roles: ['qa'], displayName: '赵质检' });
    otherQa = await buildUser(db, { roles: ['qa'], displayName: '钱质检' });
    lead = await buildUser(db, { roles: ['qa_lead'] });
    admin = await buildUser(db, { roles: ['admin'] });
    form = await buildForm(db, {
      sections: [
        [
          { text: 'Greeting', category: 'phrasing', points: 10 },
          { text: 'Correct answer', category: 'knowledge', points: 10 },
        ],
      ],
    });
  });
  after(() => server.close());

  const db = () => server.database.db;
  const get = (path: string, as: number) => server.request('GET', path, { as });
  const post = (path: string, as: number, body: unknown) => server.request('POST', path, { as, body });
  const row = async (id: number) => {
    const [r] = await queryRows<{
      status: string;
      assignee_id: number | null;
      evaluation_id: number | null;
      completed_at: Date | null;
      skip_reason: string | null;
      version: number;
    }>(
      db(),
      sql`select status, assignee_id, evaluation_id::int as evaluation_id, completed_at, skip_reason, version
          from assignments where id = ${id}`,
    );
    assert.ok(r);
    return r;
  };
  const answers = () => form.itemIds.map((item_id) => ({ item_id, result: 'pass' }));

  describe('listing and scope', () => {
    it('an inspector sees only their own queue; the QA lead and admin see everyone’s; others are refused', async () => {
      const mine = await buildAssignment(db(), { agentId: agent.id, assigneeId: qa.id });
      const theirs = await buildAssignment(db(), { agentId: teammate.id, assigneeId: otherQa.id });
      const overflow = await buildAssignment(db(), { agentId: outsider.id, assigneeId: null });

      const own = await get('/api/v1/assignments?limit=1000', qa.id);
      assert.equal(own.status, 200, own.text);
      const ownIds = (own.body as unknown as Page).items.map((i) => i.id);
      assert.ok(ownIds.includes(mine.id));
      assert.ok(!ownIds.includes(theirs.id) && !ownIds.includes(overflow.id));
      assert.ok((own.body as unknown as Page).items.every((i) => i.assignee_id === qa.id));

      for (const who of [lead, admin]) {
        const all = await get('/api/v1/assignments?limit=1000', who.id);
        assert.equal(all.status, 200);
        const ids = (all.body as unknown as Page).items.map((i) => i.id);
        assert.ok([mine.id, theirs.id, overflow.id].every((id) => ids.includes(id)));
      }

      // A filter cannot widen an inspector's scope.
      const widened = await get(`/api/v1/assignments?assignee_id=${otherQa.id}`, qa.id);
      assert.equal((widened.body as unknown as Page).total, 0);

      for (const role of [
        'agent',
        'team_leader',
        'manager',
        'coach',
        'hr',
        'trainer',
        'kb_editor',
      ] as const) {
        const u = await buildUser(db(), { roles: [role] });
        const res = await get('/api/v1/assignments', u.id);
        assert.equal(res.status, 403, role);
        assert.equal(res.body.error?.code, 'forbidden');
        assert.equal((await get(`/api/v1/assignments/${mine.id}`, u.id)).status, 403, role);
      }
    });

    it('one assignment: the assignee and the QA lead read it; another inspector gets 404', async () => {
      const a = await buildAssignment(db(), { agentId: agent.id, assigneeId: qa.id });
      const res = await get(`/api/v1/assignments/${a.id}`, qa.id);
      assert.equal(res.status, 200);
      const item = res.body as unknown as Item;
      assert.equal(item.agent_id, agent.id);
      assert.equal(item.agent_name, agent.username);
      assert.equal(item.assignee_name, '赵质检');
      assert.equal(item.status, 'pending');
      assert.equal(item.date, '2026-11-02', 'the local date of a call at 09:30 Shanghai');
      assert.equal(item.duration_s, 120);
      assert.equal(item.channel, 'call');
      assert.equal((await get(`/api/v1/assignments/${a.id}`, lead.id)).status, 200);
      const hidden = await get(`/api/v1/assignments/${a.id}`, otherQa.id);
      assert.equal(hidden.status, 404);
      assert.equal(hidden.body.error?.code, 'not_found');
      assert.equal((await get('/api/v1/assignments/99999999', lead.id)).status, 404);
    });

    it('filters by assignee, agent, team, status, dates and overdue; overdue is computed against today', async () => {
      const csr = await buildUser(db(), { roles: ['agent'] });
      const [past, due, future] = [dayOffset(-2), today(), dayOffset(3)];
      const late = await buildAssignment(db(), {
        agentId: csr.id,
        assigneeId: otherQa.id,
        dueDate: past,
      });
      const onTime = await buildAssignment(db(), {
        agentId: csr.id,
        assigneeId: otherQa.id,
        dueDate: due,
      });
      const later = await buildAssignment(db(), { agentId: csr.id, assigneeId: null, dueDate: future });
      const lateOverflow = await buildAssignment(db(), {
        agentId: csr.id,
        assigneeId: null,
        dueDate: past,
      });
      const lateDone = await buildAssignment(db(), {
        agentId: csr.id,
        assigneeId: otherQa.id,
        dueDate: past,
        status: 'done',
      });
      const q = async (query: string) => {
        const res = await get(`/api/v1/assignments?agent_id=${csr.id}&limit=1000&${query}`, lead.id);
        assert.equal(res.status, 200, res.text);
        return (res.body as unknown as Page).items.map((i) => i.id);
      };
      const overdue = await q('overdue=true');
      assert.deepEqual(overdue.sort(byNumber), [late.id, lateOverflow.id].sort(byNumber));
      const notOverdue = await q('overdue=false');
      assert.ok([onTime.id, later.id, lateDone.id].every((id) => notOverdue.includes(id)));
      assert.ok(!notOverdue.includes(late.id));
      assert.deepEqual(
        (await q('status=unassigned')).sort(byNumber),
        [later.id, lateOverflow.id].sort(byNumber),
      );
      assert.deepEqual(
        (await q('status=pending,unassigned')).sort(byNumber),
        [late.id, onTime.id, later.id, lateOverflow.id].sort(byNumber),
      );
      assert.deepEqual(
        (await q(`assignee_id=${otherQa.id}&status=pending`)).sort(byNumber),
        [late.id, onTime.id].sort(byNumber),
      );
      assert.deepEqual(await q(`due_from=${due}&due_to=${due}`), [onTime.id]);
      assert.equal((await q('from=2026-11-03')).length, 0);
      assert.ok((await q('from=2026-11-02&to=2026-11-02')).includes(late.id));

      const byItem = await get(`/api/v1/assignments/${late.id}`, lead.id);
      assert.equal((byItem.body as unknown as Item).overdue, true);
      assert.equal((await get(`/api/v1/assignments/${lateDone.id}`, lead.id)).body.overdue, false);

      const team = await get(`/api/v1/assignments?team_id=${teamId}&limit=1000`, lead.id);
      assert.ok(
        (team.body as unknown as Page).items.every((i) => [agent.id, teammate.id].includes(i.agent_id)),
      );
      assert.ok((team.body as unknown as Page).total > 0);

      const bad = await get('/api/v1/assignments?status=open', lead.id);
      assert.equal(bad.status, 400);
      const backwards = await get('/api/v1/assignments?from=2026-11-05&to=2026-11-01', lead.id);
      assert.equal(backwards.status, 400);
      assert.equal(backwards.body.error?.code, 'validation_failed');
    });

    it('filters by CSR and by queue, together and with paging; an inspector still sees only their own', async () => {
      const inspector = await buildUser(db(), { roles: ['qa'] });
      const [csrA, csrB] = [
        await buildUser(db(), { roles: ['agent'] }),
        await buildUser(db(), { roles: ['agent'] }),
      ];
      const [billing, sales] = [await buildQueue(db()), await buildQueue(db())];
      const make = async (agentId: number, queueId: number | null, assigneeId: number | null) => {
        const i = await buildInteraction(db(), { agentId, queueId });
        return (await buildAssignment(db(), { agentId, assigneeId, interactionId: i.id })).id;
      };
      const aBilling = await make(csrA.id, billing.id, inspector.id);
      const aSales = await make(csrA.id, sales.id, inspector.id);
      const aNone = await make(csrA.id, null, inspector.id);
      const bBilling = await make(csrB.id, billing.id, inspector.id);
      const bBillingOther = await make(csrB.id, billing.id, otherQa.id); // someone else's queue
      const bBillingOverflow = await make(csrB.id, billing.id, null);

      const ids = async (query: string, as: number) => {
        const res = await get(`/api/v1/assignments?limit=1000&${query}`, as);
        assert.equal(res.status, 200, res.text);
        const page = res.body as unknown as Page;
        assert.equal(page.total, page.items.length, 'the total counts the same filters');
        return page.items.map((i) => i.id).sort(byNumber);
      };
      const sorted = (...xs: number[]) => xs.sort(byNumber);

      // The inspector: each filter narrows their own queue, never beyond it.
      assert.deepEqual(await ids('', inspector.id), sorted(aBilling, aSales, aNone, bBilling));
      assert.deepEqual(await ids(`agent_id=${csrA.id}`, inspector.id), sorted(aBilling, aSales, aNone));
      assert.deepEqual(await ids(`queue_id=${billing.id}`, inspector.id), sorted(aBilling, bBilling));
      assert.deepEqual(await ids(`agent_id=${csrB.id}&queue_id=${billing.id}`, inspector.id), [bBilling]);
      assert.deepEqual(await ids(`agent_id=${csrB.id}&queue_id=${sales.id}`, inspector.id), []);
      // Sorting by the contact's start joins the contact too; the queue filter still applies.
      assert.deepEqual(
        await ids(`queue_id=${billing.id}&sort=started_at&order=desc`, inspector.id),
        sorted(aBilling, bBilling),
      );
      // The other inspector, filtering on the same CSR and queue, sees only theirs.
      assert.deepEqual(await ids(`agent_id=${csrB.id}&queue_id=${billing.id}`, otherQa.id), [bBillingOther]);

      // The QA lead sees everyone's, narrowed the same way.
      assert.deepEqual(
        await ids(`agent_id=${csrB.id}&queue_id=${billing.id}`, lead.id),
        sorted(bBilling, bBillingOther, bBillingOverflow),
      );
      assert.deepEqual(await ids(`queue_id=${sales.id}`, lead.id), [aSales]);

      // Paging through a queue filter neither loses nor repeats a row.
      const seen: number[] = [];
      let cursor: string | null = null;
      do {
        const res = await get(
          `/api/v1/assignments?queue_id=${billing.id}&limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
          lead.id,
        );
        assert.equal(res.status, 200, res.text);
        const page = res.body as unknown as Page;
        assert.equal(page.total, 4);
        seen.push(...page.items.map((i) => i.id));
        cursor = page.next_cursor;
      } while (cursor);
      assert.deepEqual(seen.sort(byNumber), sorted(aBilling, bBilling, bBillingOther, bBillingOverflow));

      for (const bad of ['queue_id=0', 'queue_id=abc', 'queue_id=1.5', 'agent_id=-3', 'agent_id=x']) {
        const res = await get(`/api/v1/assignments?${bad}`, inspector.id);
        assert.equal(res.status, 400, bad);
        assert.equal(res.body.error?.code, 'validation_failed', bad);
      }
    });

    it('pages by keyset in due-date order without losing or repeating a row', async () => {
      const inspector = await buildUser(db(), { roles: ['qa'] });
      const made: number[] = [];
      for (let i = 0; i < 7; i++) {
        const a = await buildAssignment(db(), {
          agentId: agent.id,
          assigneeId: inspector.id,
          dueDate: dayOffset(i % 3), // ties on due date, broken by id
        });
        made.push(a.id);
      }
      const seen: Item[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const res = await get(
          `/api/v1/assignments?limit=3${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
          inspector.id,
        );
        assert.equal(res.status, 200, res.text);
        const page = res.body as unknown as Page;
        assert.equal(page.total, 7);
        seen.push(...page.items);
        cursor = page.next_cursor;
        pages++;
      } while (cursor);
      assert.equal(pages, 3);
      assert.deepEqual(seen.map((i) => i.id).sort(byNumber), [...made].sort(byNumber));
      for (let i = 1; i < seen.length; i++) {
        const [a, b] = [seen[i - 1] as Item, seen[i] as Item];
        assert.ok(a.due_date < b.due_date || (a.due_date === b.due_date && a.id < b.id), 'ascending');
      }
      const desc = await get('/api/v1/assignments?sort=started_at&order=desc&limit=2', inspector.id);
      assert.equal(desc.status, 200);
      assert.equal((await get('/api/v1/assignments?cursor=nonsense', inspector.id)).status, 400);
    });

    it('counts the queue: pending, due today, overdue, done today, unassigned', async () => {
      const inspector = await buildUser(db(), { roles: ['qa'] });
      await buildAssignment(db(), { agentId: agent.id, assigneeId: inspector.id, dueDate: today() });
      await buildAssignment(db(), { agentId: agent.id, assigneeId: inspector.id, dueDate: dayOffset(-1) });
      await buildAssignment(db(), { agentId: agent.id, assigneeId: inspector.id, dueDate: dayOffset(2) });
      await buildAssignment(db(), { agentId: agent.id, assigneeId: inspector.id, status: 'skipped' });
      const res = await get('/api/v1/assignments/summary', inspector.id);
      assert.equal(res.status, 200, res.text);
      assert.deepEqual(res.body, {
        today: today(),
        pending: 3,
        due_today: 1,
        overdue: 1,
        done_today: 0,
        unassigned: 0,
      });
      const all = await get('/api/v1/assignments/summary', lead.id);
      assert.ok((all.body.unassigned as number) > 0);
      const mine = await get('/api/v1/assignments/summary?mine=true', lead.id);
      assert.equal(mine.body.pending, 0);
    });

    it('counts as done today what was completed since the local midnight (Asia/Shanghai), in scope', async () => {
      const inspector = await buildUser(db(), { roles: ['qa'] });
      const midnight = localDayRange(today(), 'Asia/Shanghai').start;
      const done = async (assigneeId: number, completedAt: Date, status = 'done') => {
        const a = await buildAssignment(db(), { agentId: agent.id, assigneeId });
        await db().execute(sql`update assignments set status = ${status},
          completed_at = ${completedAt.toISOString()}::timestamptz where id = ${a.id}`);
      };
      const summary = async (path: string, as: number) => {
        const res = await get(path, as);
        assert.equal(res.status, 200, res.text);
        return res.body as Record<string, number>;
      };
      const leadBefore = await summary('/api/v1/assignments/summary', lead.id);
      await done(inspector.id, new Date(midnight.getTime() - 1000)); // 23:59:59 yesterday, local
      await done(inspector.id, midnight);
      await done(inspector.id, new Date(Math.max(midnight.getTime(), Date.now() - 60_000)));
      await done(inspector.id, midnight, 'skipped');
      await done(otherQa.id, midnight);

      const own = await summary('/api/v1/assignments/summary', inspector.id);
      assert.deepEqual([own.done_today, own.pending, own.unassigned], [2, 0, 0]);
      const leadAfter = await summary('/api/v1/assignments/summary', lead.id);
      assert.equal((leadAfter.done_today ?? 0) - (leadBefore.done_today ?? 0), 3);
      assert.equal((await summary('/api/v1/assignments/summary?mine=true', lead.id)).done_today, 0);
      const loads = await get('/api/v1/assignments/inspectors', lead.id);
      const load = (loads.body.items as { id: number; done_today: number }[]).find(
        (l) => l.id === inspector.id,
      );
      assert.equal(load?.done_today, 2);
    });

    it('finds the assignments done today by their index, not by reading every one ever done', async () => {
      // The QA lead's counts, over everyone's queue. The test database is small enough for a
      // sequential scan to win on cost; forbidding it shows which index each half of the filter
      // can use. Without one on completed_at, the done rows are found by their status alone and
      // their completion times are checked one by one (a year's 375,000 rows on a real center).
      const dayStart = localDayRange(today(), 'Asia/Shanghai').start.toISOString();
      const plan = await db().transaction(async (tx) => {
        await tx.execute(sql`set local enable_seqscan = off`);
        return queryRows<Record<string, unknown>>(
          tx,
          sql`explain (format json) ${summaryCounts({ where: sql`true`, today: today(), dayStart })}`,
        );
      });
      const text = JSON.stringify(plan);
      assert.match(text, /"Index Name":\s*"assignments_done_at_idx"/, text);
      assert.match(text, /"Index Cond":\s*"\(completed_at >=/, text);
    });
  });

  describe('skip, release and reassign', () => {
    it('the assignee skips a pending assignment with a reason; it is final; each step is audited', async () => {
      const a = await buildAssignment(db(), { agentId: agent.id, assigneeId: qa.id });
      const noReason = await post(`/api/v1/assignments/${a.id}/skip`, qa.id, { reason: '  ' });
      assert.equal(noReason.status, 400);
      assert.equal((await row(a.id)).status, 'pending');
      const stale = await post(`/api/v1/assignments/${a.id}/skip`, qa.id, { reason: 'x', version: 99 });
      assert.equal(stale.status, 409);
      assert.equal(stale.body.error?.code, 'stale_write');
      const other = await post(`/api/v1/assignments/${a.id}/skip`, otherQa.id, { reason: 'not mine' });
      assert.equal(other.status, 404, 'another inspector does not see it');

      const mark = await lastAuditId(db());
      const res = await post(`/api/v1/assignments/${a.id}/skip`, qa.id, {
        reason: '录音无声，无法质检',
        version: a.version,
      });
      assert.equal(res.status, 200, res.text);
      assert.equal(res.body.status, 'skipped');
      assert.equal(res.body.skip_reason, '录音无声，无法质检');
      assert.equal(res.body.version, a.version + 1);
      const audit = await auditSince(db(), mark);
      assert.deepEqual(
        audit.map((e) => [e.action, e.entity_type, e.entity_id, e.actor_id]),
        [['assignment.skip', 'assignment', String(a.id), qa.id]],
      );
      assert.deepEqual((audit[0]?.after as { reason: string }).reason, '录音无声，无法质检');

      const again = await post(`/api/v1/assignments/${a.id}/skip`, qa.id, { reason: 'again' });
      assert.equal(again.status, 409);
      assert.equal(again.body.error?.code, 'conflict');
      assert.equal((again.body.error?.details as { reason: string }).reason, 'illegal_transition');
      for (const action of ['reassign', 'release'] as const) {
        const r = await post(`/api/v1/assignments/${a.id}/${action}`, lead.id, {
          assignee_id: otherQa.id,
          version: a.version + 1,
        });
        assert.equal(r.status, 409, action);
        assert.equal(r.body.error?.code, 'conflict');
      }
    });

    it('the QA lead skips overflow; an inspector cannot touch it; a CSR is refused', async () => {
      const a = await buildAssignment(db(), { agentId: agent.id, assigneeId: null });
      assert.equal((await post(`/api/v1/assignments/${a.id}/skip`, qa.id, { reason: 'x' })).status, 404);
      const csr = await post(`/api/v1/assignments/${a.id}/skip`, agent.id, { reason: 'x' });
      assert.equal(csr.status, 403);
      const res = await post(`/api/v1/assignments/${a.id}/skip`, lead.id, { reason: '重复来电' });
      assert.equal(res.status, 200, res.text);
      assert.equal(res.body.status, 'skipped');
    });

    it('the QA lead releases a pending assignment and places it again; stale versions are refused', async () => {
      const a = await buildAssignment(db(), { agentId: agent.id, assigneeId: qa.id });
      const byQa = await post(`/api/v1/assignments/${a.id}/release`, qa.id, { version: a.version });
      assert.equal(byQa.status, 403, 'an inspector does not release');
      const missingVersion = await post(`/api/v1/assignments/${a.id}/release`, lead.id, {});
      assert.equal(missingVersion.status, 400);

      const mark = await lastAuditId(db());
      const released = await post(`/api/v1/assignments/${a.id}/release`, lead.id, { version: a.version });
      assert.equal(released.status, 200, released.text);
      assert.equal(released.body.status, 'unassigned');
      assert.equal(released.body.assignee_id, null);
      const again = await post(`/api/v1/assignments/${a.id}/release`, lead.id, { version: a.version + 1 });
      assert.equal(again.status, 409, 'an unassigned one cannot be released');
      assert.equal((await get(`/api/v1/assignments/${a.id}`, qa.id)).status, 404, 'gone from the queue');

      const stale = await post(`/api/v1/assignments/${a.id}/reassign`, lead.id, {
        assignee_id: otherQa.id,
        version: a.version,
      });
      assert.equal(stale.status, 409);
      assert.equal(stale.body.error?.code, 'stale_write');
      assert.equal((await row(a.id)).assignee_id, null, 'nothing changed');

      const placed = await post(`/api/v1/assignments/${a.id}/reassign`, lead.id, {
        assignee_id: otherQa.id,
        version: a.version + 1,
      });
      assert.equal(placed.status, 200, placed.text);
      assert.equal(placed.body.status, 'pending');
      assert.equal(placed.body.assignee_id, otherQa.id);
      assert.equal(placed.body.assignee_name, '钱质检');
      assert.equal((await get(`/api/v1/assignments/${a.id}`, otherQa.id)).status, 200);

      const audit = await auditSince(db(), mark);
      assert.deepEqual(
        audit.map((e) => [e.action, e.before, e.after]),
        [
          [
            'assignment.release',
            { status: 'pending', assignee_id: qa.id, version: a.version },
            { status: 'unassigned', assignee_id: null, version: a.version + 1 },
          ],
          [
            'assignment.reassign',
            { status: 'unassigned', assignee_id: null, version: a.version + 1 },
            { status: 'pending', assignee_id: otherQa.id, version: a.version + 2 },
          ],
        ],
      );
    });

    it('reassigns only to an active inspector other than the CSR, and never to the same one', async () => {
      const a = await buildAssignment(db(), { agentId: agent.id, assigneeId: qa.id });
      const inactive = await buildUser(db(), { roles: ['qa'], active: false });
      const notQa = await buildUser(db(), { roles: ['team_leader'] });
      const dual = await buildUser(db(), { roles: ['qa', 'agent'] });
      const own = await buildAssignment(db(), { agentId: dual.id, assigneeId: qa.id });
      for (const target of [inactive.id, notQa.id, 99999999, qa.id]) {
        const res = await post(`/api/v1/assignments/${a.id}/reassign`, lead.id, {
          assignee_id: target,
          version: a.version,
        });
        assert.equal(res.status, 400, String(target));
        assert.equal(res.body.error?.code, 'validation_failed');
      }
      const self = await post(`/api/v1/assignments/${own.id}/reassign`, lead.id, {
        assignee_id: dual.id,
        version: own.version,
      });
      assert.equal(self.status, 400, 'an inspector cannot check their own contact');
      assert.equal((await row(a.id)).version, a.version, 'nothing was written');
      const byQa = await post(`/api/v1/assignments/${a.id}/reassign`, qa.id, {
        assignee_id: otherQa.id,
        version: a.version,
      });
      assert.equal(byQa.status, 403);
      const ok = await post(`/api/v1/assignments/${a.id}/reassign`, admin.id, {
        assignee_id: otherQa.id,
        version: a.version,
      });
      assert.equal(ok.status, 200, 'the administrator may too');
    });

    it('bulk reassign spreads rows evenly, all or none', async () => {
      const [x, y] = [await buildUser(db(), { roles: ['qa'] }), await buildUser(db(), { roles: ['qa'] })];
      // x already has two pending; six unassigned rows are then spread so that both end with four.
      await buildAssignment(db(), { agentId: agent.id, assigneeId: x.id });
      await buildAssignment(db(), { agentId: agent.id, assigneeId: x.id });
      const rows = [];
      for (let i = 0; i < 6; i++)
        rows.push(await buildAssignment(db(), { agentId: teammate.id, assigneeId: null }));
      const done = await buildAssignment(db(), { agentId: teammate.id, assigneeId: null, status: 'done' });

      const mark = await lastAuditId(db());
      const refused = await post('/api/v1/assignments/reassign', lead.id, {
        items: [...rows, done].map((r) => ({ id: r.id, version: r.version })),
        assignee_ids: [x.id, y.id],
      });
      assert.equal(refused.status, 409);
      assert.deepEqual((refused.body.error?.details as { rows: unknown[] }).rows, [
        { id: done.id, status: 'done' },
      ]);
      const staleOne = await post('/api/v1/assignments/reassign', lead.id, {
        items: rows.map((r, i) => ({ id: r.id, version: i === 3 ? r.version + 5 : r.version })),
        assignee_ids: [x.id],
      });
      assert.equal(staleOne.status, 409);
      assert.equal(staleOne.body.error?.code, 'stale_write');
      const missing = await post('/api/v1/assignments/reassign', lead.id, {
        items: [{ id: 99999999, version: 1 }],
        assignee_ids: [x.id],
      });
      assert.equal(missing.status, 404);
      assert.equal((await auditSince(db(), mark)).length, 0, 'a refused batch changes and audits nothing');
      for (const r of rows) assert.equal((await row(r.id)).status, 'unassigned');

      const res = await post('/api/v1/assignments/reassign', lead.id, {
        items: rows.map((r) => ({ id: r.id, version: r.version })),
        assignee_ids: [x.id, y.id],
      });
      assert.equal(res.status, 200, res.text);
      assert.equal(res.body.updated, 6);
      const items = res.body.items as Item[];
      const toX = items.filter((i) => i.assignee_id === x.id).length;
      const toY = items.filter((i) => i.assignee_id === y.id).length;
      assert.deepEqual([toX, toY], [2, 4], 'x had 2 already: both end with 4');
      assert.ok(items.every((i) => i.status === 'pending'));
      const audit = await auditSince(db(), mark);
      assert.equal(audit.length, 6);
      assert.ok(audit.every((e) => e.action === 'assignment.reassign'));

      const inspectors = await get('/api/v1/assignments/inspectors', lead.id);
      assert.equal(inspectors.status, 200);
      const loads = inspectors.body.items as { id: number; pending: number }[];
      assert.equal(loads.find((l) => l.id === x.id)?.pending, 4);
      assert.equal(loads.find((l) => l.id === y.id)?.pending, 4);
      assert.equal((await get('/api/v1/assignments/inspectors', qa.id)).status, 403);

      const released = await post('/api/v1/assignments/release', lead.id, {
        items: items.map((i) => ({ id: i.id, version: i.version })),
      });
      assert.equal(released.status, 200, released.text);
      assert.equal(released.body.updated, 6);
      assert.ok(
        (released.body.items as Item[]).every((i) => i.status === 'unassigned' && i.assignee_id === null),
      );
      const twice = await post('/api/v1/assignments/reassign', lead.id, {
        items: [
          { id: rows[0]?.id, version: 1 },
          { id: rows[0]?.id, version: 1 },
        ],
        assignee_ids: [x.id],
      });
      assert.equal(twice.status, 400);
      const byQa = await post('/api/v1/assignments/release', qa.id, {
        items: [{ id: rows[0]?.id, version: 1 }],
      });
      assert.equal(byQa.status, 403);
    });

    it('tells the inspectors in their inbox: the new one gets the work, the old one learns it moved', async () => {
      const [from, to, spare] = [
        await buildUser(db(), { roles: ['qa'] }),
        await buildUser(db(), { roles: ['qa'] }),
        await buildUser(db(), { roles: ['qa'] }),
      ];
      type Message = { kind: string; entity_type: string; entity_id: string; data: Record<string, unknown> };
      const inbox = async (user: BuiltUser): Promise<Message[]> => {
        const res = await get('/api/v1/notifications', user.id);
        assert.equal(res.status, 200, res.text);
        return res.body.items as Message[];
      };
      const a = await buildAssignment(db(), { agentId: agent.id, assigneeId: from.id });
      const moved = await post(`/api/v1/assignments/${a.id}/reassign`, lead.id, {
        assignee_id: to.id,
        version: a.version,
      });
      assert.equal(moved.status, 200, moved.text);
      assert.deepEqual(
        (await inbox(to)).map((m) => [m.kind, m.entity_type, m.entity_id, m.data]),
        [['assignments_given', 'assignment', String(a.id), { count: 1, ids: [a.id] }]],
      );
      assert.deepEqual(
        (await inbox(from)).map((m) => [m.kind, m.entity_id, m.data]),
        [['assignments_moved', String(a.id), { count: 1, ids: [a.id] }]],
      );
      assert.deepEqual(await inbox(lead), [], 'the lead is not told of their own change');

      // A refused change tells no one.
      const refused = await post(`/api/v1/assignments/${a.id}/reassign`, lead.id, {
        assignee_id: spare.id,
        version: a.version,
      });
      assert.equal(refused.status, 409);
      assert.deepEqual(await inbox(spare), []);

      // In bulk: one message per inspector with the count; unassigned rows had no one to tell.
      const rows = [
        await buildAssignment(db(), { agentId: teammate.id, assigneeId: from.id }),
        await buildAssignment(db(), { agentId: teammate.id, assigneeId: from.id }),
        await buildAssignment(db(), { agentId: teammate.id, assigneeId: null }),
      ];
      const bulk = await post('/api/v1/assignments/reassign', lead.id, {
        items: rows.map((r) => ({ id: r.id, version: r.version })),
        assignee_ids: [spare.id],
      });
      assert.equal(bulk.status, 200, bulk.text);
      const ids = rows.map((r) => r.id).sort(byNumber);
      const given = await inbox(spare);
      assert.equal(given.length, 1);
      assert.equal(given[0]?.kind, 'assignments_given');
      assert.equal(given[0]?.data.count, 3);
      assert.deepEqual([...(given[0]?.data.ids as number[])].sort(byNumber), ids);
      const fromInbox = await inbox(from);
      assert.equal(fromInbox.length, 2);
      assert.equal(fromInbox[0]?.kind, 'assignments_moved');
      assert.equal(fromInbox[0]?.data.count, 2, 'only the two that were theirs');

      // Released: the inspector who had the work is told it was taken back.
      const items = bulk.body.items as Item[];
      const released = await post('/api/v1/assignments/release', lead.id, {
        items: items.map((i) => ({ id: i.id, version: i.version })),
      });
      assert.equal(released.status, 200, released.text);
      const back = await inbox(spare);
      assert.equal(back[0]?.kind, 'assignments_released');
      assert.equal(back[0]?.data.count, 3);
    });

    it('two leads moving the same row at once: one wins, the other gets 409', async () => {
      const a = await buildAssignment(db(), { agentId: agent.id, assigneeId: qa.id });
      const [r1, r2] = await Promise.all([
        post(`/api/v1/assignments/${a.id}/reassign`, lead.id, {
          assignee_id: otherQa.id,
          version: a.version,
        }),
        post(`/api/v1/assignments/${a.id}/release`, admin.id, { version: a.version }),
      ]);
      const statuses = [r1.status, r2.status].sort();
      assert.deepEqual(statuses, [200, 409]);
      assert.equal((await row(a.id)).version, a.version + 1);
    });
  });

  describe('completion by evaluation', () => {
    const evaluate = (as: number, body: Record<string, unknown>) =>
      post('/api/v1/evaluations', as, {
        form_id: form.id,
        method: 'recording_review',
        answers: answers(),
        ...body,
      });

    it('submitting with assignment_id completes it in the same transaction, audited', async () => {
      const a = await buildAssignment(db(), { agentId: agent.id, assigneeId: qa.id });
      const mark = await lastAuditId(db());
      const res = await evaluate(qa.id, {
        interaction_id: a.interaction_id,
        assignment_id: a.id,
        submit: true,
      });
      assert.equal(res.status, 201, res.text);
      const after = await row(a.id);
      assert.equal(after.status, 'done');
      assert.equal(after.evaluation_id, res.body.id);
      assert.ok(after.completed_at);
      assert.equal(after.assignee_id, qa.id);
      const audit = await auditSince(db(), mark);
      assert.deepEqual(
        audit.map((e) => e.action),
        ['evaluation.create', 'evaluation.submit', 'assignment.complete'],
      );
      assert.deepEqual(audit[2]?.after, {
        status: 'done',
        assignee_id: qa.id,
        evaluation_id: res.body.id,
        via: 'assignment_id',
        version: a.version + 1,
      });
      const item = await get(`/api/v1/assignments/${a.id}`, qa.id);
      assert.equal(item.body.status, 'done');
      assert.equal(item.body.evaluation_score, 100);
      const again = await evaluate(qa.id, {
        interaction_id: a.interaction_id,
        assignment_id: a.id,
        submit: true,
      });
      assert.equal(again.status, 409, 'a done assignment cannot be completed twice');
    });

    it('a draft keeps the assignment pending (and is offered to continue); submitting the draft completes it', async () => {
      const a = await buildAssignment(db(), { agentId: agent.id, assigneeId: qa.id });
      const draft = await evaluate(qa.id, {
        interaction_id: a.interaction_id,
        assignment_id: a.id,
        answers: answers().slice(0, 1),
        submit: false,
      });
      assert.equal(draft.status, 201, draft.text);
      assert.equal((await row(a.id)).status, 'pending');
      const listed = await get(`/api/v1/assignments/${a.id}`, qa.id);
      assert.equal(listed.body.draft_evaluation_id, draft.body.id);
      assert.equal((await get(`/api/v1/assignments/${a.id}`, lead.id)).body.draft_evaluation_id, null);

      const saved = await server.request('PATCH', `/api/v1/evaluations/${draft.body.id as number}`, {
        as: qa.id,
        body: { version: draft.body.version, answers: answers(), assignment_id: a.id, submit: false },
      });
      assert.equal(saved.status, 200, saved.text);
      assert.equal((await row(a.id)).status, 'pending', 'an autosave does not complete it');
      const submitted = await server.request('PATCH', `/api/v1/evaluations/${draft.body.id as number}`, {
        as: qa.id,
        body: { version: saved.body.version, answers: answers(), assignment_id: a.id, submit: true },
      });
      assert.equal(submitted.status, 200, submitted.text);
      const after = await row(a.id);
      assert.equal(after.status, 'done');
      assert.equal(after.evaluation_id, draft.body.id);
    });

    it('without assignment_id, submitting an evaluation of a picked contact completes its open assignment', async () => {
      const a = await buildAssignment(db(), { agentId: agent.id, assigneeId: qa.id });
      const draft = await evaluate(qa.id, { interaction_id: a.interaction_id, submit: false });
      assert.equal(draft.status, 201);
      assert.equal((await row(a.id)).status, 'pending', 'a draft does not complete it');
      const mark = await lastAuditId(db());
      const submitted = await server.request('PATCH', `/api/v1/evaluations/${draft.body.id as number}`, {
        as: qa.id,
        body: { version: draft.body.version, answers: answers(), submit: true },
      });
      assert.equal(submitted.status, 200, submitted.text);
      assert.equal((await row(a.id)).status, 'done');
      const audit = await auditSince(db(), mark);
      assert.deepEqual(
        audit.map((e) => e.action),
        ['evaluation.update', 'evaluation.submit', 'assignment.complete'],
      );
      assert.equal((audit[2]?.after as { via: string }).via, 'interaction');

      // Another inspector's or an unassigned one: done by whoever checked it, the trail keeps who had it.
      const b = await buildAssignment(db(), { agentId: teammate.id, assigneeId: otherQa.id });
      const direct = await evaluate(qa.id, { interaction_id: b.interaction_id, submit: true });
      assert.equal(direct.status, 201, direct.text);
      const bAfter = await row(b.id);
      assert.equal(bAfter.status, 'done');
      assert.equal(bAfter.assignee_id, qa.id);
      const c = await buildAssignment(db(), { agentId: teammate.id, assigneeId: null });
      assert.equal((await evaluate(qa.id, { interaction_id: c.interaction_id, submit: true })).status, 201);
      assert.equal((await row(c.id)).status, 'done');

      // A skipped one stays skipped; a contact without an assignment is just evaluated.
      const s = await buildAssignment(db(), { agentId: teammate.id, assigneeId: qa.id, status: 'skipped' });
      assert.equal((await evaluate(qa.id, { interaction_id: s.interaction_id, submit: true })).status, 201);
      assert.equal((await row(s.id)).status, 'skipped');
      const plain = await buildInteraction(db(), { agentId: teammate.id });
      assert.equal((await evaluate(qa.id, { interaction_id: plain.id, submit: true })).status, 201);
    });

    it('refuses an assignment_id that is unknown, another inspector’s, for another contact or final — storing nothing', async () => {
      const a = await buildAssignment(db(), { agentId: agent.id, assigneeId: qa.id });
      const other = await buildInteraction(db(), { agentId: agent.id });
      const count = async () =>
        (await queryRows<{ n: number }>(db(), sql`select count(*)::int as n from evaluations`))[0]?.n;
      const before = await count();

      const unknown = await evaluate(qa.id, {
        interaction_id: a.interaction_id,
        assignment_id: 99999999,
        submit: true,
      });
      assert.equal(unknown.status, 400);
      assert.equal(unknown.body.error?.code, 'validation_failed');
      const foreign = await evaluate(otherQa.id, {
        interaction_id: a.interaction_id,
        assignment_id: a.id,
        submit: true,
      });
      assert.equal(foreign.status, 403);
      const mismatch = await evaluate(qa.id, { interaction_id: other.id, assignment_id: a.id, submit: true });
      assert.equal(mismatch.status, 400);
      const noContact = await post('/api/v1/evaluations', qa.id, {
        agent_id: agent.id,
        form_id: form.id,
        method: 'on_site',
        answers: answers(),
        assignment_id: a.id,
        submit: true,
      });
      assert.equal(noContact.status, 400);
      const skipped = await buildAssignment(db(), {
        agentId: agent.id,
        assigneeId: qa.id,
        status: 'skipped',
      });
      const final = await evaluate(qa.id, {
        interaction_id: skipped.interaction_id,
        assignment_id: skipped.id,
        submit: true,
      });
      assert.equal(final.status, 409);
      assert.equal(final.body.error?.code, 'conflict');
      assert.equal(await count(), before, 'no evaluation was stored');
      assert.equal((await row(a.id)).status, 'pending');
      assert.equal((await row(skipped.id)).status, 'skipped');
    });

    it('the QA lead may complete an inspector’s assignment by scoring it themself', async () => {
      const a = await buildAssignment(db(), { agentId: agent.id, assigneeId: qa.id });
      const res = await evaluate(lead.id, {
        interaction_id: a.interaction_id,
        assignment_id: a.id,
        submit: true,
      });
      assert.equal(res.status, 201, res.text);
      const after = await row(a.id);
      assert.equal(after.status, 'done');
      assert.equal(after.assignee_id, lead.id, 'the record says who did the check');
    });
  });
});
