/**
 * Words used in generated documents (PDF, XLSX), in both languages. The web app has its own
 * translations; documents are made on the server, so their words live here.
 */
export type DocLang = 'zh' | 'en';

const LABELS = {
  confirmationTitle: { zh: '服务质量考核确认单', en: 'Service Quality Assessment Confirmation Form' },
  /** The XLSX sheet's name: Excel allows 31 characters, which the title exceeds in English. */
  confirmationSheet: { zh: '确认单', en: 'Confirmation' },
  evaluation: { zh: '考核编号', en: 'Evaluation' },
  agent: { zh: '客服代表', en: 'CSR' },
  team: { zh: '班组', en: 'Team' },
  evaluator: { zh: '质检员', en: 'QA inspector' },
  date: { zh: '考核日期', en: 'Date' },
  method: { zh: '质检方式', en: 'Method' },
  phase: { zh: '阶段', en: 'Phase' },
  form: { zh: '考核标准', en: 'Scorecard' },
  version: { zh: '版本', en: 'version' },
  interaction: { zh: '录音/工单编号', en: 'Contact' },
  section: { zh: '项目', en: 'Section' },
  item: { zh: '考核内容', en: 'Item' },
  category: { zh: '类别', en: 'Category' },
  points: { zh: '分值', en: 'Points' },
  result: { zh: '结果', en: 'Result' },
  comment: { zh: '备注', en: 'Comment' },
  score: { zh: '得分', en: 'Score' },
  passMark: { zh: '合格线', en: 'Pass mark' },
  fatal: { zh: '致命错误', en: 'Fatal error' },
  fatalItem: { zh: '致命项', en: 'Fatal item' },
  testCall: { zh: '拨测场景', en: 'Test-call scenario' },
  scenarioTitle: { zh: '场景', en: 'Scenario' },
  callerScript: { zh: '来电者话术', en: 'Caller script' },
  expectedAnswer: { zh: '正确答案', en: 'Expected answer' },
  dispute: { zh: '申诉', en: 'Dispute' },
  disputeRaised: { zh: '提出', en: 'Raised' },
  disputeReason: { zh: '理由', en: 'Reason' },
  disputeItems: { zh: '涉及项目', en: 'Items' },
  disputeLeader: { zh: '业务班长判断', en: 'Team leader' },
  disputeReview: { zh: '质量监控班长复核', en: 'QA lead review' },
  disputeNotReviewed: {
    zh: '未经复核（班长维持原评后结束）',
    en: "Not needed: the team leader's decision closed it",
  },
  disputeWaiting: { zh: '待处理', en: 'Waiting' },
  disputeOutcome: { zh: '结果', en: 'Outcome' },
  leaderUpheld: { zh: '维持原评', en: 'Stands' },
  leaderForwarded: { zh: '转复核', en: 'Forwarded to review' },
  reviewUpheld: { zh: '维持原评', en: 'Upheld' },
  reviewCorrected: { zh: '已更正', en: 'Corrected' },
  inspectorErred: { zh: '质检员差错', en: 'Inspector erred' },
  note: { zh: '备注', en: 'Note' },
  team_leader: { zh: '班长处理中', en: 'With team leader' },
  qa_review: { zh: '复核中', en: 'In QA review' },
  upheld: { zh: '维持原评', en: 'Upheld' },
  corrected: { zh: '已更正', en: 'Corrected' },
  passedLabel: { zh: '是否合格', en: 'Passed' },
  positives: { zh: '表扬', en: 'Praise' },
  negatives: { zh: '批评', en: 'Criticism' },
  agentSignature: { zh: '客服代表签字', en: 'CSR signature' },
  leaderSignature: { zh: '班长签字', en: 'Team leader signature' },
  signedAt: { zh: '签字时间', en: 'Signed at' },
  from: { zh: '来源地址', en: 'From' },
  notSigned: { zh: '未签字', en: 'Not signed' },
  yes: { zh: '是', en: 'Yes' },
  no: { zh: '否', en: 'No' },
  pass: { zh: '合格', en: 'Pass' },
  fail: { zh: '不合格', en: 'Fail' },
  na: { zh: '不适用', en: 'N/A' },
  revision: { zh: '修订', en: 'Revision' },
  revisions: { zh: '修订记录', en: 'Revisions' },
  retracted: { zh: '已撤销', en: 'retracted' },
  current: { zh: '现行', en: 'current' },
  status: { zh: '状态', en: 'Status' },
  generatedAt: { zh: '生成时间', en: 'Generated' },
  test_call: { zh: '拨测', en: 'Test call' },
  side_by_side: { zh: '旁听', en: 'Side-by-side listening' },
  on_site: { zh: '现场质检', en: 'On-site inspection' },
  recording_review: { zh: '录音监控', en: 'Recording review' },
  before: { zh: '事前', en: 'Before' },
  during: { zh: '事中', en: 'During' },
  after: { zh: '事后', en: 'After' },
  draft: { zh: '草稿', en: 'Draft' },
  submitted: { zh: '待确认', en: 'Awaiting confirmation' },
  disputed: { zh: '申诉中', en: 'Disputed' },
  acknowledged: { zh: '已确认', en: 'Acknowledged' },
  countersigned: { zh: '已会签', en: 'Countersigned' },
} as const;

export type LabelKey = keyof typeof LABELS;

export function label(key: LabelKey, lang: DocLang): string {
  return LABELS[key][lang];
}

export function isLabelKey(key: string): key is LabelKey {
  return key in LABELS;
}
