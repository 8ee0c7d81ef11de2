import { type SQL, sql } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import type { Actor } from './actor.ts';

/**
 * How much of a kind of record an actor may see: everything, the teams they lead (plus their own),
 * or only their own. Lists filter in SQL with `scopeWhere`, never by loading and checking rows.
 */
export type Scope =
  { kind: 'all' } | { kind: 'team'; teamIds: number[] } | { kind: 'own' } | { kind: 'none' };

/** SQL predicate for a scope, given the row's owner and team columns. */
export function scopeWhere(
  actor: Actor,
  scope: Scope,
  columns: { ownerId: PgColumn | SQL; teamId: PgColumn | SQL },
): SQL {
  switch (scope.kind) {
    case 'all':
      return sql`true`;
    case 'none':
      return sql`false`;
    case 'own':
      return sql`${columns.ownerId} = ${actor.id}`;
    case 'team':
      if (scope.teamIds.length === 0) return sql`${columns.ownerId} = ${actor.id}`;
      return sql`(${columns.ownerId} = ${actor.id} or ${columns.teamId} in ${scope.teamIds})`;
  }
}

/** The same decision for one loaded record. */
export function scopeAllows(
  actor: Actor,
  scope: Scope,
  record: { ownerId: number | null; teamId: number | null },
): boolean {
  switch (scope.kind) {
    case 'all':
      return true;
    case 'none':
      return false;
    case 'own':
      return record.ownerId === actor.id;
    case 'team':
      return record.ownerId === actor.id || (record.teamId !== null && scope.teamIds.includes(record.teamId));
  }
}
