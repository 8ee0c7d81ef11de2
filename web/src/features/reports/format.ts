import { currentLanguage } from '../../i18n/index.ts';
import type { ReportCategory } from './types.ts';

/** A score as sent by the server (already rounded half up to 1 decimal): 82.4; null → —. */
export const formatScore = (value: number | null | undefined): string =>
  value === null || value === undefined ? '—' : value.toFixed(1);

/** A rate or share (0–1) as a percentage with one decimal: 0.8235 → 82.4%. */
export const formatPercent = (value: number | null | undefined): string =>
  value === null || value === undefined ? '—' : `${(value * 100).toFixed(1)}%`;

/** "82.4 (79.1–85.7)": the average with its 95% interval; the average alone when n < 2. */
export function formatCi(average: number | null, low: number | null, high: number | null): string {
  if (average === null) return '—';
  if (low === null || high === null) return formatScore(average);
  return `${formatScore(average)} (${formatScore(low)}–${formatScore(high)})`;
}

/** The language documents are made in (the `lang` parameter of the report endpoints): the UI's. */
export const documentLanguage = (): 'zh-CN' | 'en' => currentLanguage();

/** A category's name in the UI language (the report sends both). */
export function categoryName(category: Pick<ReportCategory, 'key' | 'name_zh' | 'name_en'>): string {
  return currentLanguage() === 'zh-CN' ? category.name_zh || category.key : category.name_en || category.key;
}

export { shiftMonth, tenDayPartOf } from '../../../../shared/reports/periods.ts';
