/**
 * Words of the report documents (XLSX, PDF, CSV headers), in both languages. The web app has its
 * own translations; documents are made on the server, so their words live here.
 */
import type { DocLang } from '../../documents/labels.ts';
import { roundHalfUp } from '../../../../shared/reports/rounding.ts';

export type { DocLang };

/** `lang` query value → document language (zh-CN is the default). */
export function docLang(lang: string | undefined): DocLang {
  return lang === 'en' || lang === 'en-US' ? 'en' : 'zh';
}

const LABELS = {
  colon: { zh: '：', en: ': ' },
  comma: { zh: '，', en: ', ' },
  monthlyTitle: { zh: '月度服务质量报告', en: 'Monthly Service Quality Report' },
  tenDayTitle: { zh: '旬服务质量报告', en: '10-Day Service Quality Report' },
  dailyTitle: { zh: '日质检通报', en: 'Daily QA Bulletin' },
  kpiTitle: { zh: '质检绩效考核', en: 'QA KPI' },
  qaSummaryTitle: { zh: '质检组月度工作总结', en: 'QA Team Monthly Work Summary' },
  part1: { zh: '上旬（1–10日）', en: 'Part 1 (days 1–10)' },
  part2: { zh: '中旬（11–20日）', en: 'Part 2 (days 11–20)' },
  part3: { zh: '下旬（21日–月末）', en: 'Part 3 (day 21 to month end)' },
  period: { zh: '统计期间', en: 'Period' },
  previousPeriod: { zh: '对比期间', en: 'Compared with' },
  generatedAt: { zh: '生成时间', en: 'Generated' },
  scope: { zh: '范围', en: 'Scope' },
  scopeAll: { zh: '全中心', en: 'Whole center' },
  scopeTeam: { zh: '本班组', en: 'My teams' },
  scopeOwn: { zh: '本人', en: 'Myself' },
  timezone: { zh: '时区', en: 'Time zone' },
  summary: { zh: '概览', en: 'Summary' },
  center: { zh: '全中心', en: 'Center' },
  metric: { zh: '指标', en: 'Figure' },
  current: { zh: '本期', en: 'This period' },
  previous: { zh: '上期', en: 'Previous' },
  change: { zh: '变化', en: 'Change' },
  agents: { zh: '客服代表', en: 'CSRs' },
  agent: { zh: '客服代表', en: 'CSR' },
  username: { zh: '工号', en: 'Username' },
  team: { zh: '班组', en: 'Team' },
  teams: { zh: '班组', en: 'Teams' },
  noTeam: { zh: '未分组', en: 'No team' },
  categories: { zh: '分项分析', en: 'Categories' },
  category: { zh: '类别', en: 'Category' },
  evaluations: { zh: '质检数', en: 'Evaluations' },
  averageScore: { zh: '平均分', en: 'Average score' },
  ciLow: { zh: '95%区间下限', en: '95% CI low' },
  ciHigh: { zh: '95%区间上限', en: '95% CI high' },
  interval: { zh: '95%置信区间', en: '95% interval' },
  passRate: { zh: '合格率', en: 'Pass rate' },
  fatalCount: { zh: '致命错误数', en: 'Fatal errors' },
  prevAverage: { zh: '上期平均分', en: 'Previous average' },
  changeAverage: { zh: '平均分变化', en: 'Average change' },
  prevPassRate: { zh: '上期合格率', en: 'Previous pass rate' },
  changePassRate: { zh: '合格率变化', en: 'Pass rate change' },
  /** Unit of a change of a rate, as on the screen (reports.change.pp): 5.1 个百分点, 5.1 pp. */
  pp: { zh: '个百分点', en: 'pp' },
  share: { zh: '达标率', en: 'Share passed' },
  topFailed: { zh: '高频失分项', en: 'Most-failed items' },
  rank: { zh: '排名', en: 'Rank' },
  item: { zh: '考核内容', en: 'Item' },
  fatal: { zh: '致命项', en: 'Fatal' },
  failed: { zh: '失分次数', en: 'Failed' },
  applicable: { zh: '适用次数', en: 'Applicable' },
  failRate: { zh: '失分率', en: 'Fail rate' },
  agentsFailing: { zh: '涉及人数', en: 'CSRs failing' },
  inspectors: { zh: '质检员工作量与准确率', en: 'Inspector workload and accuracy' },
  inspector: { zh: '质检员', en: 'Inspector' },
  assigned: { zh: '分配数', en: 'Assigned' },
  done: { zh: '完成数', en: 'Done' },
  avgMinutes: { zh: '平均用时（分钟）', en: 'Avg minutes' },
  disputes: { zh: '被申诉', en: 'Disputed' },
  overturned: { zh: '被推翻', en: 'Overturned' },
  inspectorErrors: { zh: '质检员差错', en: 'Inspector errors' },
  errorRate: { zh: '差错率', en: 'Error rate' },
  distribution: { zh: '分数分布', en: 'Score distribution' },
  bucket: { zh: '分数段', en: 'Score range' },
  count: { zh: '数量', en: 'Count' },
  trend: { zh: '每日趋势', en: 'Daily trend' },
  date: { zh: '日期', en: 'Date' },
  radar: { zh: '分项雷达（本期与上期）', en: 'Categories (this vs previous period)' },
  bucketFatal: { zh: '致命错误', en: 'Fatal' },
  totals: { zh: '当日汇总', en: 'Day totals' },
  agentsChecked: { zh: '受检人数', en: 'CSRs checked' },
  positivesCount: { zh: '表扬条数', en: 'With praise' },
  negativesCount: { zh: '批评条数', en: 'With criticism' },
  evaluator: { zh: '质检员', en: 'Inspector' },
  method: { zh: '质检方式', en: 'Method' },
  phase: { zh: '阶段', en: 'Phase' },
  score: { zh: '得分', en: 'Score' },
  passed: { zh: '合格', en: 'Passed' },
  failedItems: { zh: '失分项', en: 'Failed items' },
  positives: { zh: '表扬', en: 'Praise' },
  negatives: { zh: '批评', en: 'Criticism' },
  evaluation: { zh: '考核编号', en: 'Evaluation' },
  yes: { zh: '是', en: 'Yes' },
  no: { zh: '否', en: 'No' },
  none: { zh: '无', en: 'None' },
  noEvaluations: { zh: '本期无已提交的质检记录。', en: 'No submitted evaluations in this period.' },
  month: { zh: '月份', en: 'Month' },
  rankInTeam: { zh: '班组排名', en: 'Rank in team' },
  teamSize: { zh: '班组参评人数', en: 'Ranked in team' },
  findings: { zh: '主要问题与发现', en: 'Findings' },
  measures: { zh: '改进措施', en: 'Improvement measures' },
  notWritten: { zh: '（尚未填写）', en: '(not written yet)' },
  lastEdited: { zh: '最后编辑', en: 'Last edited' },
  lastEditedBy: { zh: '最后编辑人', en: 'Last edited by' },
  lastEditedAt: { zh: '最后编辑时间', en: 'Last edited at' },
  summaryText: { zh: '总结与措施', en: 'Findings and measures' },
  notSaved: { zh: '本月尚未填写', en: 'Not written for this month' },
  page: { zh: '第 {0} / {1} 页', en: 'Page {0} of {1}' },
  test_call: { zh: '拨测', en: 'Test call' },
  side_by_side: { zh: '旁听', en: 'Side-by-side' },
  on_site: { zh: '现场质检', en: 'On-site' },
  recording_review: { zh: '录音监控', en: 'Recording review' },
  before: { zh: '事前', en: 'Before' },
  during: { zh: '事中', en: 'During' },
  after: { zh: '事后', en: 'After' },
} as const;

export type ReportLabel = keyof typeof LABELS;

export function L(key: ReportLabel, lang: DocLang): string {
  return LABELS[key][lang];
}

/** A label when `value` names one (methods, phases), else the value itself. */
export function word(value: string, lang: DocLang): string {
  return value in LABELS ? LABELS[value as ReportLabel][lang] : value;
}

/** The name of a category in the document's language. */
export function categoryName(c: { key: string; name_zh: string; name_en: string }, lang: DocLang): string {
  return lang === 'zh' ? c.name_zh : c.name_en;
}

/** Title of a period report. */
export function periodTitle(
  period: { kind: 'monthly' | 'ten_day'; month: string; part: 1 | 2 | 3 | null },
  lang: DocLang,
): string {
  if (period.kind === 'monthly') return `${L('monthlyTitle', lang)} ${period.month}`;
  const part = period.part === 1 ? 'part1' : period.part === 2 ? 'part2' : 'part3';
  return `${L('tenDayTitle', lang)} ${period.month} ${L(part, lang)}`;
}

/** Display text of figures: score 1 decimal, rate as a percentage with 1 decimal, "—" for null. */
export const fmtScore = (v: number | null): string => (v === null ? '—' : v.toFixed(1));
export const fmtRate = (v: number | null): string =>
  v === null ? '—' : `${roundHalfUp(v * 100, 1).toFixed(1)}%`;
/** A change of a rate (0–1 difference) in percentage points with the unit: "5.1 个百分点", "5.1 pp". */
export const fmtPoints = (v: number, lang: DocLang): string =>
  `${roundHalfUp(v * 100, 1).toFixed(1)} ${L('pp', lang)}`;
export const fmtSigned = (v: number | null, f: (x: number) => string): string =>
  v === null ? '—' : v > 0 ? `+${f(v)}` : f(v);

/** "text (note)" with the language's brackets. */
export const paren = (text: string, note: string, lang: DocLang): string =>
  lang === 'zh' ? `${text}（${note}）` : `${text} (${note})`;
