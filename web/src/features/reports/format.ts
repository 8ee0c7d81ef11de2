import { currentLanguage } from '../../i18n/index.ts';
import type { ReportCategory } from './types.ts';

export { formatCi, formatPercent, formatScore } from './numbers.ts';

/** The language documents are made in (the `lang` parameter of the report endpoints): the UI's. */
export const documentLanguage = (): 'zh-CN' | 'en' => currentLanguage();

/** A category's name in the UI language (the report sends both). */
export function categoryName(category: Pick<ReportCategory, 'key' | 'name_zh' | 'name_en'>): string {
  return currentLanguage() === 'zh-CN' ? category.name_zh || category.key : category.name_en || category.key;
}

export { shiftMonth, tenDayPartOf } from '../../../../shared/reports/periods.ts';
