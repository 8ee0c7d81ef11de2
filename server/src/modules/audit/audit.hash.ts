import { createHash } from 'node:crypto';

/** The hash the chain starts from. */
export const GENESIS_HASH = '0'.repeat(64);

/** JSON with object keys sorted at every depth, so the text survives a jsonb round trip. */
export function canonicalJson(value: unknown): string {
  if (value === undefined) return 'null';
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

export type HashedFields = {
  at: string | Date;
  actor_id: number | null;
  actor_username: string | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  before: unknown;
  after: unknown;
  ip: string | null;
};

/** SHA-256 over the previous hash and this entry's content. */
export function entryHash(prevHash: string, fields: HashedFields): string {
  const content = canonicalJson({
    prev: prevHash,
    at: new Date(fields.at).toISOString(),
    actor_id: fields.actor_id,
    actor_username: fields.actor_username,
    action: fields.action,
    entity_type: fields.entity_type,
    entity_id: fields.entity_id,
    before: fields.before ?? null,
    after: fields.after ?? null,
    ip: fields.ip,
  });
  return createHash('sha256').update(content).digest('hex');
}
