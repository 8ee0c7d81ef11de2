import ExcelJS from 'exceljs';
import type { Content, Node, NodeQueries, TableCell, TDocumentDefinitions } from 'pdfmake/interfaces';
import type { Db } from '../../db/client.ts';
import { type DocLang, type LabelKey, isLabelKey, label } from '../../documents/labels.ts';
import { renderPdf } from '../../documents/pdf.ts';
import type { Actor } from '../../policies/actor.ts';
import type { TEvaluationDetail } from '../../../../shared/schemas/evaluation.ts';
import { disputeStepStates } from '../../../../shared/dispute-steps.ts';
import { formatLocalDateTime } from '../../../../shared/time.ts';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../db/client.ts';
import { evaluationDetail } from './evaluation.detail.ts';
import { findVersionItems } from './evaluation.repo.ts';

/** The Service Quality Assessment Confirmation Form (服务质量考核确认单, clause 5.5) as data. */
export type FormModel = {
  evaluation: TEvaluationDetail;
  team: string | null;
  interaction: string | null;
  /** Item texts of the form version by id (for the items a dispute names). */
  itemNames: Map<number, string>;
  rows: {
    section: string;
    item: string;
    category: string;
    points: number;
    fatal: boolean;
    /** The item's answer failed (a failed fatal item is a fatal error). */
    failed: boolean;
    result: string;
    comment: string;
  }[];
};

const L = (key: LabelKey, lang: DocLang) => label(key, lang);
const word = (value: string, lang: DocLang) => (isLabelKey(value) ? label(value, lang) : value);

async function buildModel(db: Db, actor: Actor, id: number, lang: DocLang): Promise<FormModel> {
  const evaluation = await evaluationDetail(db, actor, id);
  const items = await findVersionItems(db, evaluation.form_version_id);
  const categories = await queryRows<{ key: string; name_zh: string; name_en: string }>(
    db,
    sql`select key, name_zh, name_en from score_categories`,
  );
  const categoryName = new Map(categories.map((c) => [c.key, lang === 'zh' ? c.name_zh : c.name_en]));
  const [extra] = await queryRows<{ team: string | null; interaction: string | null }>(
    db,
    sql`select t.name as team, i.external_id as interaction from evaluations e
        join users a on a.id = e.agent_id left join teams t on t.id = a.team_id
        left join interactions i on i.id = e.interaction_id where e.id = ${id}`,
  );
  const answerOf = new Map(evaluation.answers.map((a) => [a.item_id, a]));
  return {
    evaluation,
    team: extra?.team ?? null,
    interaction: extra?.interaction ?? null,
    itemNames: new Map(items.map((i) => [i.id, i.text])),
    rows: items.map((i) => {
      const answer = answerOf.get(i.id);
      return {
        section: i.section_title,
        item: i.text,
        category: categoryName.get(i.category_key) ?? i.category_key,
        points: Number(i.points),
        fatal: i.fatal,
        failed: answer?.result === 'fail',
        result: answer ? word(answer.result, lang) : '',
        comment: answer?.comment ?? '',
      };
    }),
  };
}

function headerPairs(m: FormModel, lang: DocLang, tz: string): [string, string][] {
  const e = m.evaluation;
  return [
    [L('evaluation', lang), `#${e.id}${e.revision > 1 ? ` (${L('revision', lang)} ${e.revision})` : ''}`],
    [L('agent', lang), e.agent_name],
    [L('team', lang), m.team ?? '—'],
    [L('evaluator', lang), e.evaluator_name],
    [L('date', lang), e.local_date],
    [L('method', lang), `${word(e.method, lang)} / ${L('phase', lang)}: ${word(e.phase, lang)}`],
    [L('form', lang), `${e.form_name} (${L('version', lang)} ${e.form_version})`],
    [L('interaction', lang), m.interaction ?? '—'],
    [L('status', lang), word(e.status, lang)],
    [L('generatedAt', lang), formatLocalDateTime(new Date(), tz)],
  ];
}

/**
 * The score's history when a dispute corrected it: each revision with its score, who made it and
 * when, the reviewer's note, and which are retracted — so a signed form shows what was changed.
 * Empty for an evaluation never corrected.
 */
export function revisionLines(e: TEvaluationDetail, lang: DocLang, tz: string): string[] {
  if (e.revisions.length < 2) return [];
  return e.revisions.map((r) => {
    const score = `${r.score.toFixed(1)}${r.fatal ? ` (${L('fatal', lang)})` : ''}`;
    const state = r.retracted_at
      ? `${L('retracted', lang)} ${formatLocalDateTime(new Date(r.retracted_at), tz)}`
      : L('current', lang);
    const note = r.reason ? ` — ${r.reason}` : '';
    return `${L('revision', lang)} ${r.revision}: ${score}, ${r.created_by_name} ${formatLocalDateTime(new Date(r.created_at), tz)}, ${state}${note}`;
  });
}

/** A fatal item says so; only a failed one is a fatal error (shown in red). */
export function itemText(r: FormModel['rows'][number], lang: DocLang): { text: string; fatalError: boolean } {
  if (!r.fatal) return { text: r.item, fatalError: false };
  const fatalError = r.failed;
  return { text: `${r.item}  [${L(fatalError ? 'fatal' : 'fatalItem', lang)}]`, fatalError };
}

/** What a test call was scored against: the scenario's title, caller script and expected answer. */
export function scenarioPairs(e: TEvaluationDetail, lang: DocLang): [string, string][] {
  const s = e.test_call_scenario;
  if (!s) return [];
  return [
    [L('scenarioTitle', lang), s.title],
    [L('callerScript', lang), s.caller_script],
    [L('expectedAnswer', lang), s.expected_answer],
  ];
}

/**
 * Each dispute of the evaluation as lines: raised (who, when, reason, items), the team leader's
 * decision, the QA lead's review (or that it was not needed), and the outcome; times in `tz`.
 */
export function disputeLines(
  e: TEvaluationDetail,
  itemNames: Map<number, string>,
  lang: DocLang,
  tz: string,
): string[][] {
  const at = (d: string | null) => (d ? formatLocalDateTime(new Date(d), tz) : '');
  const noted = (note: string | null) => (note ? ` — ${note}` : '');
  return [...e.disputes]
    .sort((a, b) => a.id - b.id)
    .map((d) => {
      const items = d.item_ids.map((id) => itemNames.get(id) ?? `#${id}`);
      const lines = [
        `${L('dispute', lang)} #${d.id}`,
        `${L('disputeRaised', lang)}: ${d.raised_by_name} ${at(d.created_at)}`,
        `${L('disputeReason', lang)}: ${d.reason}`,
        ...(items.length > 0 ? [`${L('disputeItems', lang)}: ${items.join('; ')}`] : []),
        `${L('disputeLeader', lang)}: ${
          d.leader_decided_at
            ? `${L(d.leader_decision === 'upheld' ? 'leaderUpheld' : 'leaderForwarded', lang)}, ${d.leader_name ?? ''} ${at(d.leader_decided_at)}${noted(d.leader_note)}`
            : L('disputeWaiting', lang)
        }`,
        `${L('disputeReview', lang)}: ${
          d.reviewed_at
            ? `${L(d.reviewer_decision === 'corrected' ? 'reviewCorrected' : 'reviewUpheld', lang)}, ${d.reviewer_name ?? ''} ${at(d.reviewed_at)}${noted(d.reviewer_note)}${
                d.inspector_error === null
                  ? ''
                  : `; ${L('inspectorErred', lang)}: ${L(d.inspector_error ? 'yes' : 'no', lang)}`
              }`
            : // The same rule as the detail page's timeline: a leader's uphold skipped the review.
              disputeStepStates(d).review === 'skipped'
              ? L('disputeNotReviewed', lang)
              : L('disputeWaiting', lang)
        }`,
        `${L('disputeOutcome', lang)}: ${word(d.status, lang)}`,
      ];
      return lines;
    });
}

function signatureText(sig: TEvaluationDetail['acknowledgement'], lang: DocLang, tz: string): string {
  if (!sig) return L('notSigned', lang);
  // The typed name, and the account's name beside it when they differ (signatures before they had to match).
  const typed = sig.signature ?? sig.name;
  const who = typed === sig.name ? typed : `${typed} (${sig.name})`;
  return `${who}\n${L('signedAt', lang)}: ${formatLocalDateTime(new Date(sig.at), tz)}\n${L('from', lang)}: ${sig.ip ?? '—'}`;
}

/**
 * Widths of the items table: section, item, category, points, result, comment. Fixed for the short
 * columns — pdfmake squeezes 'auto' columns to their narrowest break, which splits 合格 and 分值
 * over two lines — and the rest shared by the item text and the comment.
 */
export const ITEM_COLUMN_WIDTHS = [60, '*', 68, 32, 40, '*'] as const;

/** Marks (pdfmake's headlineLevel, which a page-break callback sees) of the score summary and the signatures. */
const CLOSING = 1;
const SIGNATURES = 2;
const PAGE_MARGIN = 36;
/** A line of the default 9 pt Noto Sans SC (its line gap is 1.448 em), with a little to spare. */
const LINE_HEIGHT = 13.1;

/**
 * pdfmake's pageBreakBefore: the score summary starts a new page when the signature block would
 * otherwise go to the next page without it (a page of signatures only) and the summary, remarks,
 * disputes and revisions up to and with the signatures fit on one page. Nothing moves when the
 * summary is at a page's top already, or when the signatures fit on its page. (The signature
 * block is unbreakable: pdfmake reports where it started, before moving it to the next page when
 * it did not fit, so its fit is judged from that start.)
 */
export const keepSignaturesWithSummary =
  (signatureLines: number) =>
  (node: Node, nodes: NodeQueries): boolean => {
    const SIGNATURES_HEIGHT = signatureLines * LINE_HEIGHT;
    if (node.headlineLevel !== CLOSING || nodes.getPreviousNodesOnPage().length === 0) return false;
    const start = node.startPosition;
    const bottom = PAGE_MARGIN + start.pageInnerHeight;
    const samePage = nodes.getFollowingNodesOnPage().find((n) => n.headlineLevel === SIGNATURES);
    // From the summary's top to the signatures' bottom, across the page break.
    let height: number;
    if (samePage) {
      if (samePage.startPosition.top + SIGNATURES_HEIGHT <= bottom) return false;
      height = bottom - start.top + SIGNATURES_HEIGHT;
    } else {
      const next = nodes.getNodesOnNextPage().find((n) => n.headlineLevel === SIGNATURES);
      if (!next) return false;
      height = bottom - start.top + (next.startPosition.top - PAGE_MARGIN) + SIGNATURES_HEIGHT;
    }
    return height <= start.pageInnerHeight;
  };

/** The confirmation form as a pdfmake document. */
export function confirmationDocument(m: FormModel, lang: DocLang, tz: string): TDocumentDefinitions {
  const e = m.evaluation;
  const revisions = revisionLines(e, lang, tz);
  const scenario = scenarioPairs(e, lang);
  const disputes = disputeLines(e, m.itemNames, lang, tz);
  const yesNo = (b: boolean) => L(b ? 'yes' : 'no', lang);
  const agentSigned = signatureText(e.acknowledgement, lang, tz);
  const leaderSigned = signatureText(e.countersignature, lang, tz);
  // The signature block's height in lines: a title over the longer side.
  const signatureLines = 1 + Math.max(agentSigned.split('\n').length, leaderSigned.split('\n').length);
  const itemRows: TableCell[][] = [
    [
      L('section', lang),
      L('item', lang),
      L('category', lang),
      L('points', lang),
      L('result', lang),
      L('comment', lang),
    ].map((text) => ({ text, bold: true, fillColor: '#eeeeee' })),
    ...m.rows.map((r) => [
      r.section,
      (({ text, fatalError }) => ({ text, color: fatalError ? '#a8071a' : undefined }))(itemText(r, lang)),
      r.category,
      String(r.points),
      { text: r.result, color: r.result === L('fail', lang) ? '#a8071a' : undefined },
      r.comment,
    ]),
  ];
  const content: Content[] = [
    { text: L('confirmationTitle', lang), style: 'title' },
    {
      table: {
        widths: ['auto', '*'],
        body: headerPairs(m, lang, tz).map(([k, v]) => [{ text: k, bold: true }, v]),
      },
      layout: 'lightHorizontalLines',
      margin: [0, 0, 0, 10],
    },
    ...(scenario.length > 0
      ? [
          { text: L('testCall', lang), bold: true },
          {
            table: {
              widths: ['auto', '*'],
              body: scenario.map(([k, v]) => [{ text: k, bold: true }, v]),
            },
            layout: 'lightHorizontalLines',
            margin: [0, 2, 0, 10],
          } satisfies Content,
        ]
      : []),
    {
      table: { headerRows: 1, widths: [...ITEM_COLUMN_WIDTHS], body: itemRows },
      margin: [0, 0, 0, 10],
    },
    {
      headlineLevel: CLOSING,
      table: {
        widths: ['auto', '*', 'auto', '*'],
        body: [
          [
            { text: L('score', lang), bold: true },
            { text: e.score === null ? '—' : e.score.toFixed(1), bold: true, fontSize: 12 },
            { text: L('passMark', lang), bold: true },
            String(e.pass_mark),
          ],
          [
            { text: L('fatal', lang), bold: true },
            { text: yesNo(e.fatal), color: e.fatal ? '#a8071a' : undefined },
            { text: L('passedLabel', lang), bold: true },
            yesNo(e.passed),
          ],
        ],
      },
      margin: [0, 0, 0, 10],
    },
    { text: L('positives', lang), bold: true },
    { text: e.positives || '—', margin: [0, 2, 0, 8] },
    { text: L('negatives', lang), bold: true },
    { text: e.negatives || '—', margin: [0, 2, 0, 12] },
    ...disputes.map(([title, ...lines]): Content => ({
      stack: [
        { text: title ?? '', bold: true },
        { text: lines.join('\n'), margin: [0, 2, 0, 0] },
      ],
      margin: [0, 0, 0, 12],
      unbreakable: true,
    })),
    ...(revisions.length > 0
      ? [
          { text: L('revisions', lang), bold: true },
          { text: revisions.join('\n'), margin: [0, 2, 0, 12] } satisfies Content,
        ]
      : []),
    {
      headlineLevel: SIGNATURES,
      unbreakable: true,
      columns: [
        {
          stack: [{ text: L('agentSignature', lang), bold: true }, { text: agentSigned }],
        },
        {
          stack: [{ text: L('leaderSignature', lang), bold: true }, { text: leaderSigned }],
        },
      ],
    },
  ];
  return {
    info: { title: `${L('confirmationTitle', lang)} #${e.id}` },
    pageSize: 'A4',
    pageMargins: [PAGE_MARGIN, PAGE_MARGIN, PAGE_MARGIN, PAGE_MARGIN],
    content,
    pageBreakBefore: keepSignaturesWithSummary(signatureLines),
    styles: { title: { fontSize: 16, bold: true, alignment: 'center', margin: [0, 0, 0, 12] } },
  };
}

/** The confirmation form of evaluation `id` as a pdfmake document, as `actor` may see it. */
export async function confirmationDocumentOf(
  db: Db,
  actor: Actor,
  id: number,
  lang: DocLang,
  tz: string,
): Promise<TDocumentDefinitions> {
  return confirmationDocument(await buildModel(db, actor, id, lang), lang, tz);
}

export async function confirmationPdf(
  db: Db,
  actor: Actor,
  id: number,
  lang: DocLang,
  tz: string,
): Promise<Buffer> {
  return renderPdf(await confirmationDocumentOf(db, actor, id, lang, tz));
}

export async function confirmationXlsx(
  db: Db,
  actor: Actor,
  id: number,
  lang: DocLang,
  tz: string,
): Promise<Buffer> {
  const m = await buildModel(db, actor, id, lang);
  const e = m.evaluation;
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(L('confirmationSheet', lang));
  ws.columns = [{ width: 18 }, { width: 48 }, { width: 16 }, { width: 8 }, { width: 10 }, { width: 36 }];
  ws.addRow([L('confirmationTitle', lang)]).font = { bold: true, size: 14 };
  for (const [k, v] of headerPairs(m, lang, tz)) ws.addRow([k, v]).getCell(1).font = { bold: true };
  const scenario = scenarioPairs(e, lang);
  if (scenario.length > 0) {
    ws.addRow([]);
    ws.addRow([L('testCall', lang)]).font = { bold: true };
    for (const [k, v] of scenario) ws.addRow([k, v]).getCell(1).font = { bold: true };
  }
  ws.addRow([]);
  ws.addRow([
    L('section', lang),
    L('item', lang),
    L('category', lang),
    L('points', lang),
    L('result', lang),
    L('comment', lang),
  ]).font = { bold: true };
  for (const r of m.rows) {
    const item = itemText(r, lang);
    const row = ws.addRow([r.section, item.text, r.category, r.points, r.result, r.comment]);
    if (item.fatalError) row.getCell(2).font = { color: { argb: 'FFA8071A' } };
    if (r.failed) row.getCell(5).font = { color: { argb: 'FFA8071A' } };
  }
  ws.addRow([]);
  ws.addRow([L('score', lang), e.score]).font = { bold: true };
  ws.addRow([L('passMark', lang), e.pass_mark]);
  ws.addRow([L('fatal', lang), L(e.fatal ? 'yes' : 'no', lang)]);
  ws.addRow([L('passedLabel', lang), L(e.passed ? 'yes' : 'no', lang)]);
  ws.addRow([L('positives', lang), e.positives ?? '']);
  ws.addRow([L('negatives', lang), e.negatives ?? '']);
  const revisions = revisionLines(e, lang, tz);
  for (const [title, ...lines] of disputeLines(e, m.itemNames, lang, tz))
    ws.addRow([title, lines.join('\n')]).getCell(1).font = { bold: true };
  if (revisions.length > 0) ws.addRow([L('revisions', lang), revisions.join('\n')]);
  ws.addRow([]);
  ws.addRow([L('agentSignature', lang), signatureText(e.acknowledgement, lang, tz)]);
  ws.addRow([L('leaderSignature', lang), signatureText(e.countersignature, lang, tz)]);
  ws.getColumn(2).alignment = { wrapText: true, vertical: 'top' };
  return Buffer.from(await wb.xlsx.writeBuffer());
}
