import { queryRows } from '../../db/client.ts';
import { createRoute } from '@hono/zod-openapi';
import { sql } from 'drizzle-orm';
import { listOf } from '../../../../shared/schemas/common.ts';
import {
  ZAuditEntry,
  ZAuditVerifyResult,
  ZListAuditQuery,
  type TAuditEntry,
} from '../../../../shared/schemas/audit.ts';
import { requireActor } from '../../http/context.ts';
import { ERROR_RESPONSES, jsonResponse } from '../../http/openapi.ts';
import { encodeCursor, keyset, pageOf } from '../../http/pagination.ts';
import { createRouter } from '../../http/router.ts';
import { authorize } from '../../policies/engine.ts';
import { verifyAuditChain } from './audit.verify.ts';

export const auditRoutes = createRouter();

type AuditRow = Omit<TAuditEntry, 'at'> & { at: Date | string };

auditRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/audit',
    tags: ['Audit'],
    summary: 'The audit trail, newest first',
    'x-policy': 'audit.list',
    request: { query: ZListAuditQuery },
    responses: { 200: jsonResponse(listOf(ZAuditEntry), 'A page of entries.'), ...ERROR_RESPONSES },
  }),
  async (c) => {
    authorize(requireActor(c), 'audit.list');
    const q = c.req.valid('query');
    const parts = [sql`true`];
    if (q.actor_id) parts.push(sql`a.actor_id = ${q.actor_id}`);
    if (q.action) parts.push(sql`a.action = ${q.action}`);
    if (q.entity_type) parts.push(sql`a.entity_type = ${q.entity_type}`);
    if (q.entity_id) parts.push(sql`a.entity_id = ${q.entity_id}`);
    if (q.from) parts.push(sql`a.at >= ${q.from}::timestamptz`);
    if (q.to) parts.push(sql`a.at < ${q.to}::timestamptz`);
    const where = sql.join(parts, sql` and `);
    const page = keyset({ expr: sql`a.id`, type: 'bigint' }, sql`a.id`, 'desc', q.cursor);
    const { db } = c.get('deps');
    const rows = await queryRows<AuditRow>(
      db,
      sql`
      select a.id::int as id, a.at, a.actor_id, a.actor_username, u.display_name as actor_name, a.action,
        a.entity_type, a.entity_id, a.before, a.after, a.ip, a.seq::float8 as seq, a.hash
      from audit_log a left join users u on u.id = a.actor_id where ${where} and ${page.after} order by ${page.orderBy} limit ${q.limit + 1}`,
    );
    const count = await queryRows<{ n: number }>(
      db,
      sql`select count(*)::int as n from audit_log a where ${where}`,
    );
    const p = pageOf(rows, q.limit, (r) => encodeCursor(r.id, r.id));
    return c.json(
      {
        items: p.items.map((r) => ({ ...r, at: new Date(r.at).toISOString() })),
        total: count[0]?.n ?? 0,
        next_cursor: p.next_cursor,
      },
      200,
    );
  },
);

auditRoutes.openapi(
  createRoute({
    method: 'get',
    path: '/audit/verify',
    tags: ['Audit'],
    summary:
      'Check the sealed hash chain of the audit trail: the first broken entry, and entries still waiting for their seal',
    'x-policy': 'audit.verify',
    responses: { 200: jsonResponse(ZAuditVerifyResult, 'The verdict.'), ...ERROR_RESPONSES },
  }),
  async (c) => {
    authorize(requireActor(c), 'audit.verify');
    return c.json(await verifyAuditChain(c.get('deps').db), 200);
  },
);
