import { API_BASE, ApiError, api, readResponse, request, withQuery, type Query } from '../../lib/api.ts';
import type { DailyBulletin, KpiReport, MyQuality, PeriodReport, QaSummary, QaSummaryText } from './types.ts';

export const fetchDaily = (date: string) => api.get<DailyBulletin>('/reports/daily', { date });

export const fetchMonthly = (month: string) => api.get<PeriodReport>('/reports/monthly', { month });

export const fetchTenDay = (month: string, part: 1 | 2 | 3) =>
  api.get<PeriodReport>('/reports/ten-day', { month, part });

export const fetchKpi = (month: string) => api.get<KpiReport>('/reports/kpi', { month });

export const fetchQaSummary = (month: string) => api.get<QaSummary>('/reports/qa-summary', { month });

export const saveQaSummary = (
  month: string,
  body: Pick<QaSummaryText, 'findings' | 'measures' | 'version'>,
) => request<QaSummary>('PUT', `/reports/qa-summary/${month}`, { body });

export const fetchMyQuality = (agentId: number | undefined, month: string | undefined, months = 6) =>
  api.get<MyQuality>('/reports/my-quality', { agent_id: agentId, month, months });

/** Progress of a document download: waiting for the server to build it, then bytes received. */
export type DownloadProgress =
  { phase: 'preparing' } | { phase: 'receiving'; received: number; total: number | null };

function filenameOf(res: Response, fallback: string): string {
  const header = res.headers.get('Content-Disposition') ?? '';
  const star = /filename\*=UTF-8''([^;]+)/i.exec(header);
  if (star?.[1]) {
    try {
      return decodeURIComponent(star[1]);
    } catch {
      // Malformed encoding: fall through to the plain name.
    }
  }
  const plain = /filename="?([^";]+)"?/i.exec(header);
  return plain?.[1] ?? fallback;
}

/**
 * Downloads a generated document (XLSX, PDF, CSV) from a report endpoint and saves it under the
 * server's file name, reporting progress while it is built and while the bytes arrive.
 * @returns the saved file's name.
 */
export async function downloadDocument(
  path: string,
  query: Query,
  fallbackName: string,
  onProgress: (p: DownloadProgress) => void,
): Promise<string> {
  onProgress({ phase: 'preparing' });
  let res: Response;
  try {
    res = await fetch(withQuery(API_BASE + path, query), { credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, 'network_error', 'Network error');
  }
  if (!res.ok) await readResponse(res);
  const length = Number(res.headers.get('Content-Length'));
  const total = Number.isFinite(length) && length > 0 ? length : null;
  const chunks: Uint8Array[] = [];
  let received = 0;
  onProgress({ phase: 'receiving', received, total });
  if (res.body) {
    const reader = res.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      received += value.byteLength;
      onProgress({ phase: 'receiving', received, total });
    }
  } else {
    chunks.push(new Uint8Array(await res.arrayBuffer()));
  }
  const type = res.headers.get('Content-Type') ?? 'application/octet-stream';
  const blob = new Blob(chunks as BlobPart[], { type });
  const name = filenameOf(res, fallbackName);
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
  return name;
}
