import { MinusCircleOutlined } from '@ant-design/icons';
import { Card, Descriptions, Empty, List, Space, Steps, Tag, Timeline, Typography } from 'antd';
import type { CSSProperties, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { TEvaluationDetail, TEvaluationScenario } from '../../../../shared/schemas/evaluation.ts';
import type { TForm } from '../../../../shared/schemas/form.ts';
import { formatDateTime } from '../../lib/time.ts';
import { changedAnswers } from './correctionAnswers.ts';
import { disputeStepStates, stepStatus } from '../../../../shared/dispute-steps.ts';
import { ScoreText } from './parts.tsx';
import { formatDuration } from '../interactions/api.ts';

/** What a test call (拨测) is scored against: the scenario's caller script and expected answer. */
export function ScenarioDescriptions({
  scenario,
  withTitle = true,
  style,
}: {
  scenario: Pick<TEvaluationScenario, 'title' | 'caller_script' | 'expected_answer'> | null;
  /** Off where the title already shows (the workspace's scenario picker). */
  withTitle?: boolean;
  style?: CSSProperties;
}) {
  const { t } = useTranslation();
  if (!scenario) return <Typography.Text type="secondary">{t('evaluations.testCall.none')}</Typography.Text>;
  return (
    <Descriptions size="small" column={1} bordered style={style} data-testid="test-call-scenario-details">
      {withTitle && (
        <Descriptions.Item label={t('testCalls.fields.title')}>{scenario.title}</Descriptions.Item>
      )}
      <Descriptions.Item label={t('testCalls.fields.callerScript')}>
        <span style={{ whiteSpace: 'pre-wrap' }}>{scenario.caller_script}</span>
      </Descriptions.Item>
      <Descriptions.Item label={t('testCalls.fields.expectedAnswer')}>
        <span style={{ whiteSpace: 'pre-wrap' }}>{scenario.expected_answer}</span>
      </Descriptions.Item>
    </Descriptions>
  );
}

/** The test-call scenario of a test call; nothing for the other methods. */
export function TestCallCard({ evaluation }: { evaluation: TEvaluationDetail }) {
  const { t } = useTranslation();
  if (evaluation.method !== 'test_call') return null;
  return (
    <Card
      size="small"
      title={t('evaluations.testCall.title')}
      style={{ marginBottom: 16 }}
      data-testid="test-call-scenario"
    >
      <ScenarioDescriptions scenario={evaluation.test_call_scenario} />
    </Card>
  );
}

/** Both e-signatures (5.5): who typed what, when and from where. */
export function SignaturesCard({ evaluation }: { evaluation: TEvaluationDetail }) {
  const { t } = useTranslation();
  const rows = [
    ['acknowledgement', evaluation.acknowledgement],
    ['countersignature', evaluation.countersignature],
  ] as const;
  return (
    <Card size="small" title={t('evaluations.detail.signatures')} data-testid="signatures">
      <Descriptions size="small" column={1}>
        {rows.map(([key, sig]) => (
          <Descriptions.Item key={key} label={t(`evaluations.detail.${key}`)}>
            {sig ? (
              <Space wrap>
                <Typography.Text strong style={{ fontFamily: 'cursive', fontSize: 16 }}>
                  {sig.signature ?? sig.name}
                </Typography.Text>
                <Typography.Text type="secondary">
                  {sig.name} · {formatDateTime(sig.at)}
                  {sig.ip ? ` · ${sig.ip}` : ''}
                </Typography.Text>
              </Space>
            ) : (
              <Typography.Text type="secondary">{t('evaluations.detail.notSigned')}</Typography.Text>
            )}
          </Descriptions.Item>
        ))}
      </Descriptions>
    </Card>
  );
}

/** Every revision, newest first; a correction retracts the earlier one, shown struck through. */
export function RevisionsCard({ evaluation, form }: { evaluation: TEvaluationDetail; form: TForm }) {
  const { t } = useTranslation();
  return (
    <Card size="small" title={t('evaluations.detail.revisions')} data-testid="revisions">
      {evaluation.revisions.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('evaluations.detail.noRevisions')} />
      ) : (
        <Timeline
          items={evaluation.revisions.map((r, i) => ({
            color: r.retracted_at ? 'gray' : 'blue',
            content: (
              <div data-testid={r.retracted_at ? 'revision-retracted' : 'revision-current'}>
                <Space wrap>
                  <Typography.Text>{t('evaluations.detail.revision', { n: r.revision })}</Typography.Text>
                  <ScoreText
                    score={r.score}
                    fatal={r.fatal}
                    passed={r.passed}
                    strike={r.retracted_at !== null}
                  />
                  {r.retracted_at && <Tag>{t('evaluations.detail.retracted')}</Tag>}
                </Space>
                <div>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {r.created_by_name} · {formatDateTime(r.created_at)}
                    {r.retracted_at &&
                      ` · ${t('evaluations.detail.retractedAt', { at: formatDateTime(r.retracted_at) })}`}
                  </Typography.Text>
                </div>
                {r.reason && <Typography.Text>{r.reason}</Typography.Text>}
                <RemarkChanges revision={r} previous={evaluation.revisions[i + 1]} form={form} />
              </div>
            ),
          }))}
        />
      )}
    </Card>
  );
}

type Revision = TEvaluationDetail['revisions'][number];

const markKey = (m: Revision['marks'][number]) => JSON.stringify([m.at_s, m.turn_index, m.item_id, m.text]);

/**
 * What a correction changed: the answers (result or comment), the remarks and the pinned comments
 * the revision before it had (the retracted one), where they differ from this one's.
 */
function RemarkChanges({
  revision,
  previous,
  form,
}: {
  revision: Revision;
  previous: Revision | undefined;
  form: TForm;
}) {
  const { t } = useTranslation();
  if (!previous) return null;
  const itemText = new Map(form.sections.flatMap((s) => s.items).map((i) => [i.id, i.text]));
  const answers = changedAnswers(previous.answers, revision.answers);
  const changed = (a: string | null, b: string | null) => (a ?? '') !== (b ?? '');
  const marksChanged =
    revision.marks.map(markKey).sort().join('\n') !== previous.marks.map(markKey).sort().join('\n');
  const rows: ['changedAnswers' | 'changedPositives' | 'changedNegatives' | 'changedMarks', ReactNode][] = [];
  if (answers.length > 0)
    rows.push([
      'changedAnswers',
      <ul style={{ margin: 0, paddingInlineStart: 18 }} data-testid="revision-changed-answers">
        {answers.map((a) => (
          <li key={a.item_id}>
            {t('evaluations.detail.changedAnswer', { item: itemText.get(a.item_id) ?? `#${a.item_id}` })}
            <Typography.Text delete>
              {t(`evaluations.result.${a.result}`)}
              {a.comment ? ` · ${a.comment}` : ''}
            </Typography.Text>
          </li>
        ))}
      </ul>,
    ]);
  if (changed(revision.positives, previous.positives))
    rows.push(['changedPositives', previous.positives || t('common.none')]);
  if (changed(revision.negatives, previous.negatives))
    rows.push(['changedNegatives', previous.negatives || t('common.none')]);
  if (marksChanged)
    rows.push([
      'changedMarks',
      previous.marks.length === 0 ? (
        t('common.none')
      ) : (
        <ul style={{ margin: 0, paddingInlineStart: 18 }}>
          {previous.marks.map((m) => (
            <li key={m.id}>
              {m.at_s !== null ? (
                <Typography.Text code>{formatDuration(m.at_s)}</Typography.Text>
              ) : m.turn_index !== null ? (
                <Typography.Text code>{t('evaluations.marks.turn', { n: m.turn_index + 1 })}</Typography.Text>
              ) : null}{' '}
              {m.text}
            </li>
          ))}
        </ul>
      ),
    ]);
  if (rows.length === 0) return null;
  return (
    <div
      data-testid="revision-changes"
      style={{ marginTop: 4, paddingInlineStart: 8, borderInlineStart: '2px solid rgba(0,0,0,0.08)' }}
    >
      {rows.map(([key, was]) => (
        <div key={key}>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t(`evaluations.detail.${key}`)}
          </Typography.Text>
          <div>
            <Typography.Text delete={typeof was === 'string'}>{was}</Typography.Text>
          </div>
        </div>
      ))}
    </div>
  );
}

/** Each dispute with its steps: raised → team leader → QA review. */
export function DisputesCard({ evaluation, form }: { evaluation: TEvaluationDetail; form: TForm | null }) {
  const { t } = useTranslation();
  const itemText = new Map((form?.sections ?? []).flatMap((s) => s.items).map((i) => [i.id, i.text]));
  if (evaluation.disputes.length === 0) return null;
  return (
    <Card size="small" title={t('evaluations.detail.disputes')} data-testid="disputes">
      {evaluation.disputes.map((d) => {
        const steps = disputeStepStates(d);
        return (
          <div key={d.id} style={{ marginBottom: 12 }}>
            <Space style={{ marginBottom: 8 }}>
              <Typography.Text strong>#{d.id}</Typography.Text>
              <Tag
                color={d.status === 'corrected' ? 'purple' : d.status === 'upheld' ? 'default' : 'warning'}
              >
                {t(`disputes.status.${d.status}`)}
              </Tag>
            </Space>
            <Steps
              orientation="vertical"
              size="small"
              items={[
                {
                  status: 'finish',
                  title: t('disputes.steps.raised', { name: d.raised_by_name }),
                  content: (
                    <>
                      <div>{formatDateTime(d.created_at)}</div>
                      <div>{d.reason}</div>
                      {d.item_ids.length > 0 && (
                        <div>
                          {d.item_ids.map((id) => (
                            <Tag key={id}>{itemText.get(id) ?? `#${id}`}</Tag>
                          ))}
                        </div>
                      )}
                    </>
                  ),
                },
                {
                  status: stepStatus(steps.leader),
                  title: t('disputes.steps.leader'),
                  content:
                    steps.leader === 'done' ? (
                      <>
                        <div>
                          {t(
                            `disputes.leaderDecision.${d.leader_decision === 'upheld' ? 'upheld' : 'forwarded'}`,
                          )}{' '}
                          · {d.leader_name} · {formatDateTime(d.leader_decided_at)}
                        </div>
                        {d.leader_note && <div>{d.leader_note}</div>}
                      </>
                    ) : (
                      t('disputes.steps.waiting')
                    ),
                },
                {
                  status: stepStatus(steps.review),
                  // Skipped, not done: the dispute never reached the QA lead.
                  ...(steps.review === 'skipped' ? { icon: <MinusCircleOutlined /> } : {}),
                  title: t('disputes.steps.review'),
                  content:
                    steps.review === 'done' ? (
                      <>
                        <div>
                          {t(
                            `disputes.reviewDecision.${d.reviewer_decision === 'corrected' ? 'corrected' : 'upheld'}`,
                          )}{' '}
                          · {d.reviewer_name} · {formatDateTime(d.reviewed_at)}
                        </div>
                        {d.reviewer_note && <div>{d.reviewer_note}</div>}
                        {d.inspector_error !== null && (
                          <Tag color={d.inspector_error ? 'error' : 'default'}>
                            {t(d.inspector_error ? 'disputes.inspectorErred' : 'disputes.inspectorRight')}
                          </Tag>
                        )}
                      </>
                    ) : steps.review === 'waiting' ? (
                      t('disputes.steps.waiting')
                    ) : steps.review === 'skipped' ? (
                      <Typography.Text type="secondary" data-testid="dispute-review-skipped">
                        {t('disputes.steps.skipped')}
                      </Typography.Text>
                    ) : (
                      t('common.none')
                    ),
                },
              ]}
            />
          </div>
        );
      })}
    </Card>
  );
}

/** The audit entries of this evaluation, oldest first. */
export function HistoryCard({ evaluation }: { evaluation: TEvaluationDetail }) {
  const { t } = useTranslation();
  return (
    <Card size="small" title={t('evaluations.detail.history')} data-testid="history">
      <List
        size="small"
        dataSource={evaluation.history}
        locale={{ emptyText: t('common.none') }}
        renderItem={(h) => (
          <List.Item>
            <Space wrap>
              <Typography.Text type="secondary">{formatDateTime(h.at)}</Typography.Text>
              <Typography.Text>{h.actor_name ?? t('audit.system')}</Typography.Text>
              <Tag>{historyKey(h.action) ? t(`evaluations.history.${historyKey(h.action)!}`) : h.action}</Tag>
            </Space>
          </List.Item>
        )}
      />
    </Card>
  );
}

const HISTORY_KEYS = {
  'evaluation.create': 'evaluation_create',
  'evaluation.update': 'evaluation_update',
  'evaluation.submit': 'evaluation_submit',
  'evaluation.acknowledge': 'evaluation_acknowledge',
  'evaluation.countersign': 'evaluation_countersign',
  'dispute.create': 'dispute_create',
  'dispute.leader_uphold': 'dispute_leader_uphold',
  'dispute.leader_forward': 'dispute_leader_forward',
  'dispute.review_uphold': 'dispute_review_uphold',
  'dispute.review_correct': 'dispute_review_correct',
} as const;

function historyKey(action: string) {
  return (HISTORY_KEYS as Record<string, (typeof HISTORY_KEYS)[keyof typeof HISTORY_KEYS] | undefined>)[
    action
  ];
}
