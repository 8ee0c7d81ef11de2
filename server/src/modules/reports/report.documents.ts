import type {
  TDailyBulletin,
  TPeriodReport,
  TQaSummary,
  TQaSummaryText,
} from '../../../../shared/schemas/reports.ts';
import { type DocLang, docLang } from './report.labels.ts';
import { dailyBulletinPdf, periodReportPdf, qaSummaryPdf } from './report.pdf.ts';
import { dailyBulletinXlsx, periodReportXlsx, qaSummaryXlsx } from './report.xlsx.ts';

export { docLang };
export type DocumentFormat = 'xlsx' | 'pdf';

/** A report object to render: the same object the JSON endpoint answers. */
export type ReportDocument =
  | { kind: 'period'; report: TPeriodReport; summary: TQaSummaryText | null }
  | { kind: 'daily'; bulletin: TDailyBulletin }
  | { kind: 'qa_summary'; summary: TQaSummary };

/**
 * Renders a report object as XLSX or PDF. Documents never query: they show the JSON object as
 * computed, so the web page, the workbook and the PDF agree by construction.
 */
export function renderDocument(doc: ReportDocument, format: DocumentFormat, lang: DocLang): Promise<Buffer> {
  if (doc.kind === 'period') {
    return format === 'pdf'
      ? periodReportPdf(doc.report, doc.summary, lang, doc.report.timezone)
      : periodReportXlsx(doc.report, lang, doc.report.timezone);
  }
  if (doc.kind === 'qa_summary') {
    return format === 'pdf' ? qaSummaryPdf(doc.summary, lang) : qaSummaryXlsx(doc.summary, lang);
  }
  return format === 'pdf'
    ? dailyBulletinPdf(doc.bulletin, lang, doc.bulletin.timezone)
    : dailyBulletinXlsx(doc.bulletin, lang, doc.bulletin.timezone);
}
