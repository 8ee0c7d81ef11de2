import { type SQL, sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../db/client.ts';
import type { BulkWriter } from './bulk.ts';
import { sealAudit } from '../../modules/audit/audit.sealer.ts';

/**
 * The demo's history: a month of work as a real center would leave it, in the database and in the
 * audit trail.
 *
 * The demo's people act through the real API (`act`), which stamps everything with the wall clock
 * of the demo run; each act is tied to the moment of the story it belongs to. Beside that, the demo
 * writes bulk rows with their story times already and queues the matching audit entries, in the
 * services' shapes (`add`). At the end, `finish` moves every timestamp written during the run (in
 * every table, and inside the audit entries' before/after) to its moment in the story, keeping the
 * order and the small gaps within an act; writes all entries in the order of their time; and has
 * the real sealer chain them.
 *
 * Only for a fresh demo database nobody has seen yet: on a live system, re-dating rows or entries
 * would be tampering.
 */
export type TrailEntry = {
  at: Date;
  actorId: number | null;
  actorUsername: string | null;
  ip: string | null;
  action: string;
  entityType: string;
  entityId: string | number | null;
  before?: unknown;
  after?: unknown;
};

/** A stretch of the demo run and the story moment it stands for. */
type Segment = { realStart: number; story: number };

/**
 * Timestamps that belong to the running server, not to the story, and the one the demo writes
 * ahead of time itself (a confirmation deadline may fall on any moment, the demo run's included).
 */
const NOT_RETIMED = new Set(['audit_log', 'sessions', 'login_failures']);
const NOT_RETIMED_COLUMNS = new Set(['evaluations.ack_due_at']);

const ISO_RE = /"(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2}))"/g;

export class DemoTrail {
  private pending: TrailEntry[] = [];
  private readonly segments: Segment[] = [];

  /** @param runStart the wall-clock start of the demo run: anything stamped later is retimed. */
  /** @param copy the embedded database's bulk writer (see bulk.ts); null on a server. */
  constructor(
    private readonly db: Db,
    private readonly runStart: Date,
    private readonly copy: BulkWriter | null = null,
  ) {}

  /** Runs `fn` (API calls) as the story's moment `at`. */
  async act<T>(at: Date, fn: () => Promise<T>): Promise<T> {
    this.segments.push({ realStart: Date.now(), story: at.getTime() });
    return fn();
  }

  /** The story time of a wall-clock instant of the run. */
  storyTime(real: number): number {
    let segment = this.segments[0];
    for (const s of this.segments) {
      if (s.realStart > real) break;
      segment = s;
    }
    return segment ? segment.story + (real - segment.realStart) : real;
  }

  /** Queues entries the demo writes itself (see the class comment); written in order by `finish`. */
  add(entries: TrailEntry[]): Promise<void> {
    for (const e of entries) this.pending.push(e);
    return Promise.resolve();
  }

  /** Moves every timestamp the run wrote into the tables to its story moment. */
  private async retimeTables(since: string, until: string): Promise<void> {
    const segments = this.segments.map((s) => ({
      real_start: new Date(s.realStart).toISOString(),
      story: new Date(s.story).toISOString(),
    }));
    const first = segments[0];
    if (!first) return;
    await this.db.execute(sql`drop table if exists demo_segments`);
    await this.db.execute(sql`create temp table demo_segments as
      select real_start, story from jsonb_to_recordset(${JSON.stringify(segments)}::jsonb)
        as x(real_start timestamptz, story timestamptz)`);
    const columns = await queryRows<{ table_name: string; column_name: string }>(
      this.db,
      sql`select table_name, column_name from information_schema.columns
          where table_schema = 'public' and data_type = 'timestamp with time zone' order by table_name, column_name`,
    );
    const byTable = new Map<string, string[]>();
    for (const { table_name: table, column_name: column } of columns) {
      if (NOT_RETIMED.has(table) || NOT_RETIMED_COLUMNS.has(`${table}.${column}`)) continue;
      byTable.set(table, [...(byTable.get(table) ?? []), column]);
    }
    const inRun = (c: SQL) => sql`${c} between ${since}::timestamptz and ${until}::timestamptz`;
    const shiftOf = (t: SQL, c: SQL) => sql`coalesce(
      (select s.story - s.real_start from demo_segments s where s.real_start <= ${t}.${c} order by s.real_start desc limit 1),
      ${first.story}::timestamptz - ${first.real_start}::timestamptz)`;
    for (const [table, names] of byTable) {
      const t = sql.raw(`"${table}"`);
      // A deadline the run set ahead of its clock (a token's expiry) moves with its row's created_at.
      const created = names.includes('created_at') ? sql.raw('"created_at"') : null;
      const moved = (name: string) => {
        const c = sql.raw(`"${name}"`);
        const ahead =
          created && name !== 'created_at'
            ? sql` when ${c} > ${until}::timestamptz and ${inRun(created)} then ${c} + ${shiftOf(t, created)}`
            : sql``;
        return sql`${c} = case when ${inRun(c)} then ${c} + ${shiftOf(t, c)}${ahead} else ${c} end`;
      };
      await this.db.execute(sql`
        update ${t} set ${sql.join(names.map(moved), sql`, `)}
        where ${sql.join(
          names.map((n) => inRun(sql.raw(`"${n}"`))),
          sql` or `,
        )}`);
    }
    await this.db.execute(sql`drop table demo_segments`);
  }

  private retimeJson(value: unknown, until: number): unknown {
    if (value === null || value === undefined) return null;
    const since = this.runStart.getTime();
    const text = JSON.stringify(value).replace(ISO_RE, (whole, iso: string) => {
      const ms = Date.parse(iso);
      return Number.isNaN(ms) || ms < since || ms > until
        ? whole
        : `"${new Date(this.storyTime(ms)).toISOString()}"`;
    });
    return JSON.parse(text) as unknown;
  }

  /**
   * Dates everything the run wrote into the story, writes the trail in the order of its time (the
   * entries the services wrote during the run, re-dated, merged with the demo's own) and seals it
   * with the real sealer (`verifyAuditChain` checks it; scripts/demo.ts does once it serves).
   * Answers how many entries were sealed.
   */
  async finish(): Promise<{ entries: number }> {
    const since = this.runStart.toISOString();
    const until = new Date().toISOString();
    await this.retimeTables(since, until);
    const written = await queryRows<{
      id: number;
      at: Date | string;
      actor_id: number | null;
      actor_username: string | null;
      action: string;
      entity_type: string;
      entity_id: string | null;
      before: unknown;
      after: unknown;
      ip: string | null;
    }>(
      this.db,
      sql`select id::float8 as id, at, actor_id, actor_username, action, entity_type, entity_id, before, after, ip
          from audit_log where seq is null and hash is null and prev_hash is null order by id`,
    );
    const untilMs = Date.parse(until);
    const story = (ms: number) => (ms >= this.runStart.getTime() && ms <= untilMs ? this.storyTime(ms) : ms);
    const all: TrailEntry[] = [
      ...written.map((e) => ({
        at: new Date(story(new Date(e.at).getTime())),
        actorId: e.actor_id,
        actorUsername: e.actor_username,
        ip: e.ip,
        action: e.action,
        entityType: e.entity_type,
        entityId: e.entity_id,
        before: this.retimeJson(e.before, untilMs),
        after: this.retimeJson(e.after, untilMs),
      })),
      ...this.pending,
    ];
    this.pending = [];
    // A stable sort: entries of one moment keep the order they were written in.
    all.sort((a, b) => a.at.getTime() - b.at.getTime());
    const rows = (list: TrailEntry[]) =>
      list.map((e, n) => ({
        n,
        at: e.at.toISOString(),
        actor_id: e.actorId,
        actor_username: e.actorUsername,
        ip: e.ip,
        action: e.action,
        entity_type: e.entityType,
        entity_id: e.entityId === null ? null : String(e.entityId),
        before: e.before ?? null,
        after: e.after ?? null,
      }));
    const copy = this.copy;
    if (copy) {
      // COPY writes the rows in the file's order: ids, hence the sealer's order, follow time.
      await this.db.execute(
        sql`delete from audit_log where seq is null and hash is null and prev_hash is null`,
      );
      await copy.insert(
        'audit_log',
        'at timestamptz, actor_id int, actor_username text, action text, entity_type text, entity_id text, before jsonb, after jsonb, ip text',
        rows(all),
      );
    } else {
      await this.db.transaction(async (tx) => {
        await tx.execute(sql`delete from audit_log where seq is null and hash is null and prev_hash is null`);
        for (let i = 0; i < all.length; i += 2000) {
          const chunk = rows(all.slice(i, i + 2000));
          await tx.execute(sql`
            insert into audit_log (at, actor_id, actor_username, action, entity_type, entity_id, before, after, ip)
            select at, actor_id, actor_username, action, entity_type, entity_id, before, after, ip
            from jsonb_to_recordset(${JSON.stringify(chunk)}::jsonb) as x(n int, at timestamptz, actor_id int,
              actor_username text, action text, entity_type text, entity_id text, before jsonb, after jsonb, ip text)
            order by n`);
        }
      });
    }
    const entries = await sealAudit(this.db, 5000);
    return { entries };
  }
}
