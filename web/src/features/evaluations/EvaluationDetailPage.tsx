import { FilePdfOutlined, FileExcelOutlined } from '@ant-design/icons';
import { Button, Card, Col, Descriptions, Row, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { EVALUATION_PATHS } from '../../app/router-paths-evaluations.ts';
import { useMe } from '../../app/session.tsx';
import { DetailLoadError } from '../../components/DetailLoadError.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { PageSpinner } from '../../components/PageSpinner.tsx';
import { useLoad } from '../../hooks/useLoad.ts';
import { currentLanguage } from '../../i18n/index.ts';
import { formatDate, formatDateTime } from '../../lib/time.ts';
import { confirmationUrl, fetchEvaluation, fetchForm, fetchInteraction } from './api.ts';
import { DisputesCard, HistoryCard, RevisionsCard, SignaturesCard, TestCallCard } from './DetailSections.tsx';
import { EvaluationActions } from './EvaluationActions.tsx';
import { EvaluationStatusTag, ScoreText } from './parts.tsx';
import { formatDuration } from '../interactions/api.ts';
import { RecordingPanel } from './RecordingPanel.tsx';
import { changedItems, isMarkSetAside } from './correctionMarks.ts';
import { withPinnedMark, withoutMark } from './RemarksCorrection.tsx';
import { type ReviewDraft, ReviewPanel, reviewDraftOf } from './ReviewPanel.tsx';
import { ScorecardPanel, type AnswerMap } from './ScorecardPanel.tsx';

/**
 * One evaluation for everyone who may read it, with the next steps the server allows the caller.
 * Keyed by the id, so moving to another evaluation starts afresh (no review draft carried over).
 */
export function EvaluationDetailPage() {
  const id = Number(useParams().id);
  return <EvaluationDetail key={id} id={id} />;
}

function EvaluationDetail({ id }: { id: number }) {
  const { t } = useTranslation();
  const me = useMe();
  // A CSR's way back is their own evaluations; everyone who sees more has the full list (as in the menu).
  const back = me.roles.some((r) => r !== 'agent')
    ? {
        to: EVALUATION_PATHS.evaluations,
        label: t('common.backTo', { page: t('evaluations.nav.evaluations') }),
      }
    : { to: EVALUATION_PATHS.myEvaluations, label: t('common.backTo', { page: t('evaluations.nav.mine') }) };
  // The QA lead's review in progress (its outcome and corrected remarks), null when not reviewing.
  const [review, setReview] = useState<ReviewDraft | null>(null);
  const loaded = useLoad(async () => {
    const evaluation = await fetchEvaluation(id);
    const [form, interaction] = await Promise.all([
      fetchForm(evaluation.form_id, evaluation.form_version),
      // The CSR may not open the contact itself; the page works without it.
      evaluation.interaction_id ? fetchInteraction(evaluation.interaction_id).catch(() => null) : null,
    ]);
    return { evaluation, form, interaction };
  }, [id]);

  if (loaded.loading && !loaded.data) return <PageSpinner />;
  if (!loaded.data) return <DetailLoadError error={loaded.error} onRetry={loaded.reload} back={back} />;
  const { evaluation: e, form, interaction } = loaded.data;
  const lang = currentLanguage() === 'zh-CN' ? 'zh' : 'en';
  const answers: AnswerMap = {};
  for (const a of e.answers) answers[a.item_id] = { result: a.result, comment: a.comment ?? '' };
  const openDispute = e.disputes.find((d) => d.id === e.open_dispute_id);
  const marks = e.marks.map((m) => ({
    at_s: m.at_s,
    turn_index: m.turn_index,
    item_id: m.item_id,
    text: m.text,
  }));
  const items = form.sections.flatMap((s) => s.items);
  const reviewing = review !== null && openDispute !== undefined;
  // Correcting: the recording lists the comments being corrected and pins new ones, as the workspace does.
  const correcting = reviewing && review.uphold === false;
  // While correcting, the inspector's comments pinned to an item whose result changed show struck.
  const changed = correcting ? changedItems(answers, review.correction.answers) : new Set<number>();

  return (
    <>
      <PageHeader
        title={t('evaluations.detail.title', { id: e.id })}
        subtitle={`${e.agent_name} · ${e.form_name} v${e.form_version}`}
        extra={
          <>
            <EvaluationActions
              evaluation={e}
              form={form}
              onChanged={loaded.reload}
              onReview={() => setReview(reviewDraftOf(e))}
            />
            {e.status !== 'draft' && (
              <>
                <Button
                  icon={<FilePdfOutlined />}
                  href={confirmationUrl(e.id, 'pdf', lang)}
                  data-testid="download-pdf"
                >
                  {t('evaluations.detail.pdf')}
                </Button>
                <Button
                  icon={<FileExcelOutlined />}
                  href={confirmationUrl(e.id, 'xlsx', lang)}
                  data-testid="download-xlsx"
                >
                  {t('evaluations.detail.xlsx')}
                </Button>
              </>
            )}
          </>
        }
      />
      <ErrorAlert error={loaded.error} onRetry={loaded.reload} />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Descriptions size="small" column={{ xs: 1, md: 2, xl: 4 }} data-testid="evaluation-header">
          <Descriptions.Item label={t('evaluations.fields.agent')}>{e.agent_name}</Descriptions.Item>
          <Descriptions.Item label={t('evaluations.fields.inspector')}>{e.evaluator_name}</Descriptions.Item>
          <Descriptions.Item label={t('evaluations.fields.date')}>
            {formatDate(e.local_date)}
          </Descriptions.Item>
          <Descriptions.Item label={t('evaluations.fields.status')}>
            <EvaluationStatusTag status={e.status} overdue={e.overdue} late={e.acknowledged_late} />
          </Descriptions.Item>
          <Descriptions.Item label={t('evaluations.fields.method')}>
            {t(`evaluations.method.${e.method}`)}
          </Descriptions.Item>
          <Descriptions.Item label={t('evaluations.fields.phase')}>
            {t(`evaluations.phase.${e.phase}`)}
          </Descriptions.Item>
          <Descriptions.Item label={t('evaluations.fields.score')}>
            <span data-testid="evaluation-score">
              <ScoreText score={e.score} fatal={e.fatal} passed={e.passed} status={e.status} />
            </span>
          </Descriptions.Item>
          <Descriptions.Item label={t('evaluations.fields.passMark')}>{e.pass_mark}</Descriptions.Item>
          <Descriptions.Item label={t('evaluations.fields.submittedAt')}>
            {formatDateTime(e.submitted_at) || t('common.none')}
          </Descriptions.Item>
          <Descriptions.Item label={t('evaluations.fields.ackDue')}>
            {e.ack_due_at ? (
              <Typography.Text
                type={e.overdue ? 'danger' : e.acknowledged_late ? 'warning' : undefined}
                data-testid="evaluation-ack-due"
              >
                {formatDateTime(e.ack_due_at)}
                {e.acknowledged_late &&
                  ` · ${t('evaluations.signedLateAt', { at: formatDateTime(e.acknowledged_at) })}`}
              </Typography.Text>
            ) : (
              t('common.none')
            )}
          </Descriptions.Item>
          {e.interaction_id && (
            <Descriptions.Item label={t('evaluations.fields.contact')}>
              <Link to={`/interactions/${e.interaction_id}`}>
                {interaction?.external_id ?? `#${e.interaction_id}`}
              </Link>
            </Descriptions.Item>
          )}
          {e.revision > 1 && (
            <Descriptions.Item label={t('evaluations.detail.revisions')}>
              <Tag color="purple">{t('evaluations.detail.corrected', { n: e.revision })}</Tag>
            </Descriptions.Item>
          )}
        </Descriptions>
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <TestCallCard evaluation={e} />
          {reviewing ? (
            <ReviewPanel
              evaluation={e}
              dispute={openDispute}
              form={form}
              draft={review}
              onDraftChange={setReview}
              onCancel={() => setReview(null)}
              onDone={() => {
                setReview(null);
                loaded.reload();
              }}
            />
          ) : (
            <ScorecardPanel form={form} answers={answers} readOnly highlight={openDispute?.item_ids ?? []} />
          )}
          {!reviewing && (
            // While reviewing, the review panel shows them (editable when correcting).
            <Card size="small" title={t('evaluations.fields.remarks')} style={{ marginTop: 16 }}>
              <Space orientation="vertical" style={{ width: '100%' }}>
                <div>
                  <Tag color="success">{t('evaluations.fields.positives')}</Tag>
                  <Typography.Text>{e.positives ?? t('common.none')}</Typography.Text>
                </div>
                <div>
                  <Tag color="error">{t('evaluations.fields.negatives')}</Tag>
                  <Typography.Text>{e.negatives ?? t('common.none')}</Typography.Text>
                </div>
              </Space>
            </Card>
          )}
        </Col>
        <Col xs={24} xl={10}>
          <Space orientation="vertical" size={16} style={{ width: '100%' }}>
            <SignaturesCard evaluation={e} />
            <DisputesCard evaluation={e} form={form} />
            <RevisionsCard evaluation={e} form={form} />
            {/* A test call without a contact has no recording or transcript: no card, unless comments to list. */}
            {(e.interaction_id !== null || marks.length > 0) && (
              <Card size="small" title={t('evaluations.workspace.recording')} data-testid="recording-card">
                {interaction && correcting ? (
                  <RecordingPanel
                    interaction={interaction}
                    marks={review.remarks.marks.map((m) => ({ ...m, setAside: isMarkSetAside(m, changed) }))}
                    items={items}
                    onAddMark={(m) => setReview({ ...review, remarks: withPinnedMark(review.remarks, m) })}
                    onRemoveMark={(i) => setReview({ ...review, remarks: withoutMark(review.remarks, i) })}
                  />
                ) : interaction ? (
                  <RecordingPanel interaction={interaction} marks={marks} items={items} />
                ) : (
                  <MarksOnly marks={marks} items={items} />
                )}
              </Card>
            )}
            <HistoryCard evaluation={e} />
          </Space>
        </Col>
      </Row>
    </>
  );
}

function MarksOnly({
  marks,
  items,
}: {
  marks: { at_s: number | null; item_id: number | null; text: string }[];
  items: readonly { id: number; text: string }[];
}) {
  const { t } = useTranslation();
  if (marks.length === 0)
    return <Typography.Text type="secondary">{t('evaluations.marks.empty')}</Typography.Text>;
  const itemText = new Map(items.map((i) => [i.id, i.text]));
  return (
    <ol style={{ margin: 0, paddingInlineStart: 20 }} data-testid="marks-list">
      {marks.map((m, i) => (
        <li key={i}>
          {m.at_s !== null && <Typography.Text code>{formatDuration(m.at_s)}</Typography.Text>} {m.text}
          {m.item_id !== null && (
            <Typography.Text
              type="secondary"
              style={{ display: 'block', fontSize: 12 }}
              data-testid="mark-item-name"
            >
              {t('evaluations.marks.item', { item: itemText.get(m.item_id) ?? `#${m.item_id}` })}
            </Typography.Text>
          )}
        </li>
      ))}
    </ol>
  );
}
