import type { TImportResult, TInteractionImport } from '../../../../shared/schemas/interaction.ts';
import { INTERACTION_COLUMNS } from '../../../../shared/schemas/interaction.ts';
import { type RowIssue, parseRowIssue } from '../../../../shared/import-issues.ts';
import { api, ApiError, API_BASE, readResponse } from '../../lib/api.ts';
import { uploadRaw } from '../../lib/upload-raw.ts';
import { parseCsv } from './parse-csv.ts';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The content type the import endpoint expects for this file, or null when it is not CSV/XLSX. */
export function importContentType(file: File): string | null {
  const name = file.name.toLowerCase();
  if (name.endsWith('.xlsx') || file.type === XLSX_TYPE) return XLSX_TYPE;
  if (name.endsWith('.csv') || file.type === 'text/csv') return 'text/csv';
  return null;
}

/** Starts a background import (202) and answers the import record to poll. */
export const startImport = (file: File, contentType: string, onProgress: (fraction: number) => void) =>
  uploadRaw<TInteractionImport | TImportResult>(
    '/interactions/import',
    file,
    contentType,
    { filename: file.name, async: 'true' },
    onProgress,
  );

export const fetchImport = (id: number) => api.get<TInteractionImport>(`/imports/${id}`);

export const rejectionsUrl = (id: number) => `${API_BASE}/imports/${id}/rejections.csv`;

/** The rejected rows as a file for people: header and explanations in the UI language. */
export const rejectionsDownloadUrl = (id: number, language: string) =>
  `${rejectionsUrl(id)}?lang=${language.startsWith('zh') ? 'zh' : 'en'}`;

export type RejectedRow = {
  row: number;
  code: string;
  reason: string;
  raw: string;
  /** For a bad transcript or a cell too long: what exactly is wrong. */
  details: RowIssue | null;
};

/** The first `limit` rejected rows of an import, read from its CSV. */
export async function fetchRejections(id: number, limit = 2000): Promise<RejectedRow[]> {
  let res: Response;
  try {
    res = await fetch(rejectionsUrl(id), { credentials: 'same-origin', headers: { Accept: 'text/csv' } });
  } catch {
    throw new ApiError(0, 'network_error', 'Network error');
  }
  if (!res.ok) await readResponse(res);
  const rows = parseCsv(await res.text(), limit + 1);
  const [header, ...body] = rows;
  const at = (name: string) => header?.indexOf(name) ?? -1;
  const [iRow, iCode, iReason, iRaw, iDetails] = [
    at('row'),
    at('code'),
    at('reason'),
    at('raw'),
    at('details'),
  ];
  return body.map((r) => ({
    row: Number(r[iRow]),
    code: r[iCode] ?? '',
    reason: r[iReason] ?? '',
    raw: r[iRaw] ?? '',
    details: parseRowIssue(r[iDetails]),
  }));
}

export const FINISHED = new Set<TInteractionImport['status']>(['done', 'failed', 'interrupted']);

/**
 * The template: the columns of SPEC §5 and one example row with a Chinese transcript.
 * The time carries an offset; without one it is read in the center's zone.
 */
export function importTemplate(): string {
  const transcript = JSON.stringify([
    { speaker: 'agent', start_s: 0, end_s: 4.5, text: '您好，很高兴为您服务，请问有什么可以帮您？' },
    { speaker: 'customer', start_s: 5, end_s: 9, text: '我家的宽带从昨天开始就上不了网。' },
    { speaker: 'agent', start_s: 9.5, end_s: 15, text: '非常抱歉给您带来不便，我马上为您查询线路状态。' },
  ]);
  const example = [
    'CALL-20261127-0001',
    'zhang.wei',
    '2026-11-27T09:30:00+08:00',
    '185',
    'call',
    'inbound',
    'broadband',
    '13812345678',
    '',
    `"${transcript.replace(/"/g, '""')}"`,
  ];
  return `${INTERACTION_COLUMNS.join(',')}\r\n${example.join(',')}\r\n`;
}
