import type { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import { type Database, type DbOrTx, queryRows } from '../../db/client.ts';

/**
 * The demo's bulk rows (evaluations, answers, revisions, the inbox, the audit trail), written the
 * cheapest way the database allows. On the embedded database that is one `COPY … FROM '/dev/blob'`
 * per table with the foreign-key triggers off (`session_replication_role = replica`): the rows are
 * generated against ids the demo has just read back, and the demo test checks every foreign key
 * of the finished center in one pass (see demo.test.ts), so checking them row by row while writing
 * (a trigger call per row and key, two thirds of the answers' cost) would find nothing. On a
 * PostgreSQL server (the tests) the rows go through `jsonb_to_recordset`, keys checked as usual.
 */
export type BulkWriter = {
  /** Inserts `rows` (objects keyed by column name) into `table`; `columns` as `name type, …`. */
  insert: (table: string, columns: string, rows: object[]) => Promise<void>;
  /** Reserves `n` ids from the table's `id` sequence (for rows written without RETURNING). */
  ids: (table: string, n: number) => Promise<number[]>;
};

type Column = { name: string; type: string };

const parseColumns = (columns: string): Column[] =>
  columns
    .split(',')
    .map((c) => c.trim().split(/\s+/))
    .filter((c) => (c[0] ?? '') !== '')
    .map(([name = '', ...type]) => ({ name, type: type.join(' ') }));

/** One CSV field: null as the unquoted empty field (COPY's CSV null), everything else quoted. */
function csvField(value: unknown, type: string): string {
  if (value === null || value === undefined) return '';
  let text: string;
  if (type === 'jsonb') text = JSON.stringify(value);
  else if (typeof value === 'string') text = value;
  else if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  else if (value instanceof Date) return value.toISOString();
  else if (Array.isArray(value) && value.every((v) => typeof v === 'number')) text = `{${value.join(',')}}`;
  else text = JSON.stringify(value);
  return `"${text.replaceAll('"', '""')}"`;
}

function toCsv(columns: Column[], rows: object[]): string {
  const lines: string[] = [];
  for (const row of rows) {
    const r = row as Record<string, unknown>;
    lines.push(columns.map((c) => csvField(r[c.name], c.type)).join(','));
  }
  return lines.join('\n') + '\n';
}

async function idsFrom(db: DbOrTx, table: string, n: number): Promise<number[]> {
  if (n === 0) return [];
  const rows = await queryRows<{ id: number }>(
    db,
    sql`select nextval(pg_get_serial_sequence(${table}, 'id'))::int as id from generate_series(1, ${n}) order by 1`,
  );
  return rows.map((r) => r.id);
}

export function bulkWriter(database: Database, db: DbOrTx = database.db): BulkWriter {
  if (database.kind === 'pglite') {
    const client = (database.db as unknown as { $client: PGlite }).$client;
    return {
      async insert(table, columns, rows) {
        if (rows.length === 0) return;
        const parsed = parseColumns(columns);
        const list = parsed.map((c) => `"${c.name}"`).join(', ');
        await client.exec('set session_replication_role = replica');
        try {
          await client.query(`copy "${table}" (${list}) from '/dev/blob' with (format csv)`, [], {
            blob: new Blob([toCsv(parsed, rows)]),
          });
        } finally {
          await client.exec('reset session_replication_role');
        }
      },
      ids: (table, n) => idsFrom(db, table, n),
    };
  }
  return {
    async insert(table, columns, rows) {
      const list = parseColumns(columns)
        .map((c) => `"${c.name}"`)
        .join(', ');
      for (let i = 0; i < rows.length; i += 5000) {
        await db.execute(
          sql`insert into ${sql.raw(`"${table}"`)} (${sql.raw(list)})
              select ${sql.raw(list)} from jsonb_to_recordset(${JSON.stringify(rows.slice(i, i + 5000))}::jsonb)
              as x(${sql.raw(columns)})`,
        );
      }
    },
    ids: (table, n) => idsFrom(db, table, n),
  };
}
