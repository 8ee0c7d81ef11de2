import fs from 'node:fs';
import type { GeneratedInteraction } from './interactions.ts';

/** The columns of the interaction import (SPEC §5), in order. */
export const INTERACTION_CSV_COLUMNS = [
  'external_id',
  'agent',
  'started_at',
  'duration_s',
  'channel',
  'direction',
  'queue',
  'customer_ref',
  'recording_url',
  'transcript',
] as const;

/** RFC 4180 quoting: only cells with a comma, quote or line break are quoted. */
function cell(value: string | number | null): string {
  if (value === null) return '';
  const s = String(value);
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/** The import columns of a generated row; the transcript as JSON text. */
export function toImportRecord(
  row: GeneratedInteraction,
): Record<(typeof INTERACTION_CSV_COLUMNS)[number], string> {
  return {
    external_id: row.external_id,
    agent: row.agent,
    started_at: row.started_at,
    duration_s: String(row.duration_s),
    channel: row.channel,
    direction: row.direction,
    queue: row.queue,
    customer_ref: row.customer_ref ?? '',
    recording_url: row.recording_url ?? '',
    transcript: row.transcript ? JSON.stringify(row.transcript) : '',
  };
}

/** One CSV line (with its \n) in the import format. */
export function interactionCsvLine(row: GeneratedInteraction): string {
  return (
    [
      row.external_id,
      row.agent,
      row.started_at,
      row.duration_s,
      row.channel,
      row.direction,
      row.queue,
      row.customer_ref,
      row.recording_url,
      row.transcript ? JSON.stringify(row.transcript) : null,
    ]
      .map(cell)
      .join(',') + '\n'
  );
}

/** The whole file as one string: for small test files only. */
export function interactionsCsv(rows: Iterable<GeneratedInteraction>): string {
  let out = INTERACTION_CSV_COLUMNS.join(',') + '\n';
  for (const row of rows) out += interactionCsvLine(row);
  return out;
}

const CHUNK_CHARS = 1 << 20;

/**
 * Streams rows into a CSV file in the import format of SPEC §5 (header first, UTF-8, \n line ends),
 * respecting back-pressure. Answers the rows and bytes written.
 */
export async function writeInteractionsCsv(
  path: string,
  rows: Iterable<GeneratedInteraction> | AsyncIterable<GeneratedInteraction>,
): Promise<{ rows: number; bytes: number }> {
  const out = fs.createWriteStream(path);
  const failed = new Promise<never>((_, reject) => out.once('error', reject));
  failed.catch(() => undefined);
  let count = 0;
  let chunk = INTERACTION_CSV_COLUMNS.join(',') + '\n';
  const write = async (text: string) => {
    if (!out.write(text))
      await Promise.race([new Promise<void>((r) => out.once('drain', () => r())), failed]);
  };
  for await (const row of rows) {
    chunk += interactionCsvLine(row);
    count++;
    if (chunk.length >= CHUNK_CHARS) {
      await write(chunk);
      chunk = '';
    }
  }
  if (chunk) await write(chunk);
  await Promise.race([new Promise<void>((resolve) => out.end(resolve)), failed]);
  return { rows: count, bytes: out.bytesWritten };
}
