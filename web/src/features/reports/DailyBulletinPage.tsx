import { DislikeOutlined, LikeOutlined } from '@ant-design/icons';
import { Card, Col, Empty, Flex, List, Row, Space, Statistic, Table, Tag, Typography, theme } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useLoad } from '../../hooks/useLoad.ts';
import { formatDateTime, getCenterTimeZone } from '../../lib/time.ts';
import { fetchDaily } from './api.ts';
import { DateStepper } from './DateStepper.tsx';
import { DocumentButtons } from './DocumentButtons.tsx';
import { formatPercent, formatScore } from './format.ts';
import { ScopeNotice } from './ScopeNotice.tsx';
import { VerdictTag } from './parts.tsx';
import type { DailyBulletin, DailyRow, DailyTeam } from './types.ts';
import { useDateParam } from './useReportParams.ts';

type Remark = { row: DailyRow; team: string; text: string };

function remarks(bulletin: DailyBulletin, kind: 'positives' | 'negatives', noTeam: string): Remark[] {
  return bulletin.teams.flatMap((team) =>
    team.rows
      .filter((r) => (r[kind] ?? '').trim() !== '')
      .map((row) => ({ row, team: team.team_name ?? noTeam, text: row[kind] ?? '' })),
  );
}

/** Praise or criticism of the day, each with the CSR, the team and a link to the evaluation. */
function RemarkCard({
  title,
  icon,
  color,
  items,
  empty,
  testId,
}: {
  title: string;
  icon: ReactNode;
  color: string;
  items: Remark[];
  empty: string;
  testId: string;
}) {
  return (
    <Card
      data-testid={testId}
      title={
        <Space>
          <span style={{ color }}>{icon}</span>
          {title}
          <Tag color={items.length > 0 ? undefined : 'default'}>{items.length}</Tag>
        </Space>
      }
      style={{ height: '100%', borderTop: `3px solid ${color}` }}
      styles={{ body: { paddingBlock: 8, maxHeight: 360, overflow: 'auto' } }}
    >
      <List
        size="small"
        dataSource={items}
        locale={{ emptyText: empty }}
        renderItem={(r) => (
          <List.Item style={{ paddingInline: 0 }} data-testid={`${testId}-item`}>
            <Flex vertical gap={2} style={{ width: '100%' }}>
              <Flex justify="space-between" gap={8}>
                <Space size={6} wrap>
                  <Typography.Text strong>{r.row.display_name}</Typography.Text>
                  <Typography.Text type="secondary">{r.team}</Typography.Text>
                </Space>
                <Link to={`/evaluations/${r.row.evaluation_id}`}>#{r.row.evaluation_id}</Link>
              </Flex>
              <Typography.Text>{r.text}</Typography.Text>
            </Flex>
          </List.Item>
        )}
      />
    </Card>
  );
}

function TeamSection({ team }: { team: DailyTeam }) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  return (
    <Card
      data-testid="bulletin-team"
      title={team.team_name ?? t('reports.common.noTeam')}
      extra={
        <Typography.Text type="secondary">
          {t('reports.daily.teamSummary', {
            count: team.evaluations,
            average: formatScore(team.average_score),
            fatal: team.fatal_count,
          })}
        </Typography.Text>
      }
      styles={{ body: { padding: 0 } }}
    >
      <Table<DailyRow>
        rowKey="evaluation_id"
        size="middle"
        pagination={false}
        dataSource={team.rows}
        scroll={{ x: 'max-content' }}
        onRow={(r) => (r.fatal ? { style: { background: token.colorErrorBg } } : {})}
        columns={[
          {
            title: t('reports.common.agent'),
            key: 'agent',
            render: (_, r) => (
              <Flex vertical>
                <Typography.Text strong style={{ whiteSpace: 'nowrap' }}>
                  {r.display_name}
                </Typography.Text>
                <Space size={6} style={{ fontSize: 12 }}>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {r.agent}
                  </Typography.Text>
                  <Link to={`/evaluations/${r.evaluation_id}`} data-testid="row-open">
                    #{r.evaluation_id}
                  </Link>
                </Space>
              </Flex>
            ),
          },
          {
            title: t('reports.daily.score'),
            key: 'score',
            render: (_, r) => (
              <Space size={4} style={{ whiteSpace: 'nowrap' }}>
                <Typography.Text strong type={r.fatal || !r.passed ? 'danger' : undefined}>
                  {formatScore(r.score)}
                </Typography.Text>
                <VerdictTag fatal={r.fatal} passed={r.passed} />
              </Space>
            ),
          },
          {
            title: t('reports.daily.method'),
            key: 'method',
            render: (_, r) => (
              <Flex vertical>
                <span style={{ whiteSpace: 'nowrap' }}>{t(`evaluations.method.${r.method}`)}</span>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t(`evaluations.phase.${r.phase}`)}
                </Typography.Text>
              </Flex>
            ),
          },
          {
            title: t('reports.daily.failedItems'),
            key: 'failed',
            width: 260,
            render: (_, r) =>
              r.failed_items.length === 0 ? (
                <Typography.Text type="secondary">{t('reports.daily.none')}</Typography.Text>
              ) : (
                <Flex wrap gap={4}>
                  {r.failed_items.map((i) => (
                    <Tag
                      key={i.item_id}
                      color={i.fatal ? 'error' : 'orange'}
                      style={{ marginInlineEnd: 0, whiteSpace: 'normal' }}
                    >
                      {i.text}
                    </Tag>
                  ))}
                </Flex>
              ),
          },
          {
            title: (
              <Space size={4}>
                <LikeOutlined style={{ color: token.colorSuccess }} />
                {t('reports.daily.praise')}
              </Space>
            ),
            key: 'positives',
            width: 220,
            render: (_, r) =>
              r.positives ? (
                <Typography.Text style={{ color: token.colorSuccessText }} data-testid="row-praise">
                  {r.positives}
                </Typography.Text>
              ) : (
                <Typography.Text type="secondary">—</Typography.Text>
              ),
          },
          {
            title: (
              <Space size={4}>
                <DislikeOutlined style={{ color: token.colorError }} />
                {t('reports.daily.criticism')}
              </Space>
            ),
            key: 'negatives',
            width: 220,
            render: (_, r) =>
              r.negatives ? (
                <Typography.Text style={{ color: token.colorErrorText }} data-testid="row-criticism">
                  {r.negatives}
                </Typography.Text>
              ) : (
                <Typography.Text type="secondary">—</Typography.Text>
              ),
          },
          {
            title: t('reports.daily.inspector'),
            dataIndex: 'evaluator',
            key: 'evaluator',
            render: (v: string) => <span style={{ whiteSpace: 'nowrap' }}>{v}</span>,
          },
        ]}
      />
    </Card>
  );
}

/** The Daily QA Bulletin (日质检通报, regulation 5.5) for one local date. */
export function DailyBulletinPage() {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const [date, setDate] = useDateParam();
  const data = useLoad(() => fetchDaily(date), [date]);
  const bulletin = data.data?.date === date ? data.data : undefined;
  const totals = bulletin?.totals;
  const noTeam = t('reports.common.noTeam');

  const stat = (title: string, value: string | number, color?: string, testId?: string) => (
    <Card size="small" style={{ flex: '1 1 140px' }} data-testid={testId}>
      <Statistic title={title} value={value} styles={{ content: { color } }} />
    </Card>
  );

  return (
    <>
      <PageHeader
        title={t('reports.daily.title')}
        subtitle={t('reports.daily.subtitle', { zone: getCenterTimeZone() })}
        extra={
          <DocumentButtons
            path="/reports/daily"
            query={{ date }}
            formats={['xlsx', 'pdf']}
            fallbackName={`${t('reports.daily.exportName')}-${date}`}
          />
        }
      />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Flex justify="space-between" align="center" wrap gap={8}>
          <DateStepper value={date} onChange={setDate} />
          {bulletin && (
            <Typography.Text type="secondary">
              {t('reports.common.generatedAt', {
                time: formatDateTime(bulletin.generated_at),
                zone: bulletin.timezone,
              })}
            </Typography.Text>
          )}
        </Flex>
      </Card>
      <ErrorAlert error={data.error} onRetry={data.reload} />
      {bulletin && <ScopeNotice scope={bulletin.scope} centerFigures={false} />}
      {!bulletin && data.loading && <Card loading style={{ marginBottom: 16 }} />}
      {totals && (
        <Flex gap={12} wrap style={{ marginBottom: 16 }} data-testid="bulletin-totals">
          {stat(t('reports.common.evaluations'), totals.evaluations, undefined, 'total-evaluations')}
          {stat(t('reports.daily.agentsChecked'), totals.agents_checked)}
          {stat(t('reports.common.average'), formatScore(totals.average_score))}
          {stat(t('reports.common.passRate'), formatPercent(totals.pass_rate))}
          {stat(
            t('reports.common.fatal'),
            totals.fatal_count,
            totals.fatal_count > 0 ? token.colorError : undefined,
          )}
          {stat(t('reports.daily.praise'), totals.positives, token.colorSuccess)}
          {stat(
            t('reports.daily.criticism'),
            totals.negatives,
            totals.negatives > 0 ? token.colorWarning : undefined,
          )}
        </Flex>
      )}
      {bulletin && totals?.evaluations === 0 && (
        <Card>
          <Empty
            description={
              <Space orientation="vertical" size={4}>
                <Typography.Text>{t('reports.daily.empty', { date })}</Typography.Text>
                <Typography.Text type="secondary">{t('reports.daily.emptyHint')}</Typography.Text>
              </Space>
            }
          />
        </Card>
      )}
      {bulletin && bulletin.totals.evaluations > 0 && (
        <Space orientation="vertical" size={16} style={{ width: '100%' }}>
          <Row gutter={[16, 16]}>
            <Col xs={24} lg={12}>
              <RemarkCard
                testId="bulletin-praise"
                title={t('reports.daily.praiseTitle')}
                icon={<LikeOutlined />}
                color={token.colorSuccess}
                items={remarks(bulletin, 'positives', noTeam)}
                empty={t('reports.daily.noPraise')}
              />
            </Col>
            <Col xs={24} lg={12}>
              <RemarkCard
                testId="bulletin-criticism"
                title={t('reports.daily.criticismTitle')}
                icon={<DislikeOutlined />}
                color={token.colorError}
                items={remarks(bulletin, 'negatives', noTeam)}
                empty={t('reports.daily.noCriticism')}
              />
            </Col>
          </Row>
          {bulletin.teams.map((team) => (
            <TeamSection key={team.team_id ?? 'none'} team={team} />
          ))}
        </Space>
      )}
    </>
  );
}
