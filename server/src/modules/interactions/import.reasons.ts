import type { DocLang } from '../../documents/labels.ts';
import { INTERACTION_COLUMNS } from '../../../../shared/schemas/interaction.ts';
import {
  type CitedBy,
  type FieldTooLong,
  type LimitedColumn,
  type RowIssue,
  isCitedBy,
  isFieldTooLong,
} from '../../../../shared/import-issues.ts';
import {
  type TranscriptField,
  type TranscriptIssue,
  transcriptIssueText,
} from '../../../../shared/transcript-issues.ts';

/**
 * What each rejection code means, for people reading the rejected rows as a file (the web app
 * has the same sentences for the screen). The `reason` column keeps the exact English detail.
 */
const EXPLANATIONS: Record<string, Record<DocLang, string>> = {
  unknown_agent: {
    zh: '坐席不存在（没有该用户名的在职用户）。',
    en: 'Unknown agent (no active user with this username).',
  },
  bad_time: { zh: '开始时间无法识别。', en: 'The start time cannot be read.' },
  bad_duration: {
    zh: '时长不是 0 到一天之间的整数秒。',
    en: 'The duration is not a whole number of seconds between 0 and a day.',
  },
  bad_transcript: {
    zh: '转写不是有效的 JSON 数组。',
    en: 'The transcript is not a valid JSON array of turns.',
  },
  too_long: { zh: '某个字段过长。', en: 'A field is too long.' },
  bad_channel: { zh: '渠道无效（call、chat 或 email）。', en: 'Unknown channel (call, chat or email).' },
  bad_direction: { zh: '方向无效（inbound 或 outbound）。', en: 'Unknown direction (inbound or outbound).' },
  unknown_queue: { zh: '队列代码不存在。', en: 'Unknown queue code.' },
  bad_recording_url: {
    zh: '录音地址不是 http(s) 地址。',
    en: 'The recording URL is not an http(s) address.',
  },
  missing_external_id: { zh: '缺少外部编号。', en: 'The external id is missing.' },
  missing_agent: { zh: '缺少坐席。', en: 'The agent is missing.' },
  bad_cells: { zh: '该行的单元格数量不对。', en: 'The row does not have the right number of cells.' },
  bad_csv: { zh: '文件此处不是有效的 CSV。', en: 'The file is not valid CSV here.' },
  superseded: {
    zh: '文件中后面有相同外部编号的行（以后面那行为准）。',
    en: 'A later row of the same file has the same external id (that row is kept).',
  },
  bad_row: { zh: '该行无法读取。', en: 'The row cannot be read.' },
  evidence_cited: {
    zh: '已提交的质检评估引用了该通话作为证据，导入不能修改它，通话保持原样。如数据有误，请联系质检主管。',
    en: 'A submitted evaluation cites this contact as evidence: an import cannot change it, so the stored contact was kept. If it is wrong, ask a QA lead.',
  },
  evaluated_agent_changed: {
    zh: '该通话有针对原坐席的草稿评估，导入不能更换坐席（其他字段可以更新），通话保持原样。请保留原坐席，或先删除草稿。',
    en: "Draft evaluations score this contact's stored agent: an import cannot change the agent (other fields may change), so the stored contact was kept. Keep the agent, or delete the drafts first.",
  },
  bad_encoding: {
    zh: '该行含有无法按文件的编码（UTF-8 或 GB18030/GBK）读取的字节（显示为 �）。请将文件另存为“CSV UTF-8（逗号分隔）”后重新导入。',
    en: 'The row has bytes that are not text in the file\'s encoding (UTF-8 or GB18030/GBK; shown as �). Save the file as "CSV UTF-8 (comma delimited)" and import it again.',
  },
  bad_text: {
    zh: '该行含有空字符（NUL）或损坏的 Unicode 文本。',
    en: 'The row contains a NUL character or broken Unicode text.',
  },
};

/** The columns with a length limit, in Chinese, as the web app says them (zh-CN imports.tooLong). */
const LIMITED_ZH: Record<LimitedColumn, string> = {
  external_id: '外部编号（external_id）',
  customer_ref: '客户（customer_ref）',
  recording_url: '录音地址（recording_url）',
  transcript: '转写（transcript）',
};

/** A cell too long, naming the column and the limit. */
function fieldTooLongText({ field, limit, unit }: FieldTooLong, lang: DocLang): string {
  if (lang === 'zh') return `${LIMITED_ZH[field]}超过 ${limit} ${unit === 'MB' ? 'MB' : '个字符'}。`;
  return unit === 'MB'
    ? `${field} is larger than ${limit} MB.`
    : `${field} is longer than ${limit} characters.`;
}

/** A row held because evaluations cite the contact: the explanation of its code, naming them. */
function citedText(code: string, { evaluations }: CitedBy, lang: DocLang): string {
  const general = EXPLANATIONS[code]?.[lang] ?? code;
  if (evaluations.length === 0) return general;
  const ids = evaluations.map((id) => `#${id}`).join(lang === 'zh' ? '、' : ', ');
  return lang === 'zh' ? `${general}（评估 ${ids}）` : `${general} (evaluation ${ids})`;
}

const FIELD_ZH: Record<TranscriptField, string> = {
  speaker: '说话人（speaker）',
  start_s: '开始时间（start_s）',
  end_s: '结束时间（end_s）',
  text: '文本（text）',
};

/** A transcript issue in Chinese, as the web app says it (zh-CN imports.transcriptIssue). */
function transcriptIssueZh(issue: TranscriptIssue): string {
  const field = issue.field ? FIELD_ZH[issue.field] : '';
  const limit = String(issue.limit ?? '');
  const what: Record<TranscriptIssue['problem'], string> = {
    not_a_list: '必须是由若干轮对话组成的列表，每轮为 {speaker, start_s, end_s, text}',
    too_many_turns: `超过 ${limit} 轮`,
    not_a_turn: '每一轮必须是 {speaker, start_s, end_s, text} 形式的对象',
    missing: `缺少${field}`,
    bad_speaker: '说话人（speaker）必须是 "agent" 或 "customer"',
    not_seconds: `${field}必须是 ≥ 0 的秒数`,
    negative: `${field}必须是 ≥ 0 的秒数`,
    end_before_start: '结束时间不能早于开始时间',
    not_text: '文本（text）必须是文字',
    text_too_long: `文本（text）超过 ${limit} 个字符`,
    invalid: '无效',
  };
  return issue.turn === null
    ? `转写${what[issue.problem]}。`
    : `转写第 ${issue.turn} 轮：${what[issue.problem]}。`;
}

/**
 * The explanation of a rejection code in `lang`; the code itself when it has none. A bad
 * transcript with `details` says exactly what is wrong.
 */
export function rejectionExplanation(code: string, lang: DocLang, details?: RowIssue | null): string {
  if (details && isCitedBy(details)) return citedText(code, details, lang);
  if (details && isFieldTooLong(details)) return fieldTooLongText(details, lang);
  if (details) {
    return lang === 'zh' ? transcriptIssueZh(details) : `${transcriptIssueText(details)}.`;
  }
  return EXPLANATIONS[code]?.[lang] ?? code;
}

/**
 * The columns of the rejected-rows file for people after the import's own columns: the line in the
 * uploaded file, the reason in `lang`, and the exact English detail. The import ignores columns it
 * does not know, so the file can be imported again as it is once the rows are fixed.
 */
export const REJECTIONS_EXTRA_HEADER: Record<DocLang, readonly string[]> = {
  zh: ['行号', '原因', '原因（原文）'],
  en: ['line', 'reason', 'detail'],
};

/** A stored rejected row (interaction_import_rejections). */
export type StoredRow = {
  row: number;
  code: string;
  reason: string;
  /** JSON: the cells by column, or the list of cells as read; older imports kept a preview cut with "…". */
  raw: string | null;
  /** Columns whose cell was cut (too large to keep whole). */
  cut: string[] | null;
  details: RowIssue | null;
};

const asText = (value: unknown): string =>
  value === null || value === undefined
    ? ''
    : typeof value === 'string'
      ? value
      : typeof value === 'number' || typeof value === 'boolean'
        ? String(value)
        : (JSON.stringify(value) ?? '');

/** The stored row as cells by column, or (cells not matched to columns, an old preview) as one text. */
function readRaw(raw: string | null): { byColumn: Record<string, unknown> } | { asRead: string } {
  if (raw === null) return { byColumn: {} };
  try {
    const parsed = JSON.parse(raw) as unknown;
    if (Array.isArray(parsed)) return { asRead: parsed.map(asText).join(' | ') };
    if (parsed && typeof parsed === 'object') return { byColumn: parsed as Record<string, unknown> };
  } catch {
    // An older import's preview, cut at 500 characters: shown as it is.
  }
  return { asRead: raw };
}

/**
 * One row of the rejected-rows file for people: the import's columns with the row's cells, then
 * its line, the reason in `lang` (saying when a cell was too large to keep whole, or when the cells
 * could not be matched to the columns) and the English detail.
 */
export function rejectedRowCells(r: StoredRow, lang: DocLang): (string | number)[] {
  const raw = readRaw(r.raw);
  let reason = rejectionExplanation(r.code, lang, r.details);
  const byColumn = 'byColumn' in raw ? raw.byColumn : {};
  if (r.cut && r.cut.length > 0) {
    const names = r.cut.join(', ');
    reason +=
      lang === 'zh'
        ? `（${names} 过大，此文件中只保留了开头部分；请从原文件第 ${r.row} 行复制完整内容。）`
        : ` (${names}: too large to keep whole, so only its start is in this file; copy it from line ${r.row} of the original file.)`;
  }
  if ('asRead' in raw) {
    reason +=
      lang === 'zh'
        ? `（该行无法按列读取，读到的内容：${raw.asRead}）`
        : ` (the row could not be matched to the columns; as read: ${raw.asRead})`;
  }
  return [...INTERACTION_COLUMNS.map((c) => asText(byColumn[c])), r.row, reason, r.reason];
}
