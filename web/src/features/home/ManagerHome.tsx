import { Card, Col, Row, Skeleton, Statistic, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { TBoard } from '../../../../shared/schemas/compliance.ts';
import type { TDispute } from '../../../../shared/schemas/evaluation.ts';
import { useMe } from '../../app/session.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useLoad } from '../../hooks/useLoad.ts';
import { api, type Page } from '../../lib/api.ts';
import { COMPLIANCE_ABILITIES, COMPLIANCE_PATHS } from '../compliance/paths.ts';
import { fetchMonthly } from '../reports/api.ts';
import { formatPercent } from '../reports/format.ts';
import { Change, CiText } from '../reports/parts.tsx';
import { REPORT_ABILITIES, REPORT_PATHS } from '../reports/paths.ts';
import { SummaryCards } from '../reports/SummaryCards.tsx';
import type { TeamStats } from '../reports/types.ts';
import { centerSpans } from './api.ts';
import { HomeBlock, HomeLinks } from './parts.tsx';

/**
 * The center manager's month at a glance: the monthly report's center figures against last month,
 * the teams side by side, what is waiting (open disputes, CSRs short of their quota), and the way
 * into the reports.
 */
export function ManagerHome() {
  const { t } = useTranslation();
  const me = useMe();
  const can = (abilities: readonly string[]) => abilities.some((a) => me.abilities[a] === true);
  const month = centerSpans().month.from.slice(0, 7);
  const report = useLoad(() => fetchMonthly(month), [month]);
  const waiting = useLoad(
    () =>
      Promise.all([
        api.get<Page<TDispute>>('/disputes', { open: true, limit: 1 }),
        api.get<TBoard>('/compliance', { month }).catch(() => null),
      ]),
    [month],
  );
  const [disputes, board] = waiting.data ?? [];

  return (
    <>
      <HomeBlock
        title={t('home.manager.month', { month })}
        more={`${REPORT_PATHS.monthly}?month=${month}`}
        testId="home-manager-month"
      >
        <ErrorAlert error={report.error} onRetry={report.reload} />
        {report.loading && !report.data ? (
          <Skeleton active />
        ) : (
          report.data && <SummaryCards report={report.data} />
        )}
      </HomeBlock>
      <Row gutter={[16, 16]} style={{ marginBottom: 20 }}>
        <Col xs={24} sm={8}>
          <Card size="small" data-testid="home-manager-disputes">
            <Link to="/disputes">
              <Statistic
                title={t('home.manager.openDisputes')}
                value={disputes?.total ?? 0}
                loading={waiting.loading}
              />
            </Link>
          </Card>
        </Col>
        {board && (
          <>
            <Col xs={24} sm={8}>
              <Card size="small" data-testid="home-manager-at-risk">
                <Link to={COMPLIANCE_PATHS.board}>
                  <Statistic
                    title={t('home.manager.atRisk')}
                    value={board.totals.at_risk + board.totals.missed}
                    suffix={`/ ${board.totals.agents}`}
                  />
                </Link>
              </Card>
            </Col>
            <Col xs={24} sm={8}>
              <Card size="small" data-testid="home-manager-pending">
                <Statistic
                  title={t('home.manager.pendingChecks')}
                  value={board.totals.pending_assignments + board.totals.unassigned_assignments}
                />
              </Card>
            </Col>
          </>
        )}
      </Row>
      {report.data && report.data.teams.length > 0 && (
        <HomeBlock title={t('home.manager.teams')} testId="home-manager-teams">
          <Table<TeamStats>
            size="small"
            rowKey="team_id"
            pagination={false}
            dataSource={report.data.teams}
            columns={[
              { title: t('home.manager.team'), dataIndex: 'team_name', key: 'team' },
              {
                title: t('home.manager.evaluations'),
                dataIndex: 'evaluations',
                key: 'evaluations',
                align: 'right',
              },
              {
                title: t('home.manager.average'),
                key: 'average',
                render: (_, r) => (
                  <CiText
                    average={r.average_score}
                    low={r.ci_low}
                    high={r.ci_high}
                    evaluations={r.evaluations}
                  />
                ),
              },
              {
                title: t('home.manager.passRate'),
                key: 'pass',
                align: 'right',
                render: (_, r) => formatPercent(r.pass_rate),
              },
              { title: t('home.manager.fatal'), dataIndex: 'fatal_count', key: 'fatal', align: 'right' },
              {
                title: t('home.manager.change'),
                key: 'change',
                align: 'right',
                render: (_, r) => <Change value={r.change.average_score} kind="points" />,
              },
            ]}
          />
        </HomeBlock>
      )}
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        {t('home.manager.linksIntro')}
      </Typography.Paragraph>
      <HomeLinks
        links={[
          { to: REPORT_PATHS.monthly, label: t('home.links.monthly'), show: can(REPORT_ABILITIES.period) },
          { to: REPORT_PATHS.tenDay, label: t('home.links.tenDay'), show: can(REPORT_ABILITIES.period) },
          { to: REPORT_PATHS.daily, label: t('home.links.daily'), show: can(REPORT_ABILITIES.daily) },
          { to: REPORT_PATHS.kpi, label: t('home.links.kpi'), show: can(REPORT_ABILITIES.kpi) },
          {
            to: COMPLIANCE_PATHS.board,
            label: t('home.links.compliance'),
            show: can(COMPLIANCE_ABILITIES.board),
          },
          { to: '/evaluations', label: t('home.links.evaluations'), show: can(['evaluations.list']) },
          {
            to: '/reports/inspector-accuracy',
            label: t('home.links.accuracy'),
            show: can(['accuracy.read']),
          },
        ]}
      />
    </>
  );
}
