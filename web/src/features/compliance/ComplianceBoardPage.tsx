import { ReloadOutlined, ScheduleOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Card,
  Col,
  DatePicker,
  Flex,
  Progress,
  Row,
  Statistic,
  Switch,
  Typography,
} from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { planName } from '../sampling/plan-name.ts';
import { Link } from 'react-router';
import type { TBoard, TBoardAgent } from '../../../../shared/schemas/compliance.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useLoad } from '../../hooks/useLoad.ts';
import { dayjs, getCenterTimeZone } from '../../lib/time.ts';
import { AgentDrawer } from './AgentDrawer.tsx';
import { AgentTable } from './AgentTable.tsx';
import { complianceApi } from './api.ts';
import { InspectorTable } from './InspectorTable.tsx';
import { COMPLIANCE_PATHS } from './paths.ts';
import { SampleSizeCard } from './SampleSizeCard.tsx';
import { TeamPanel } from './TeamPanel.tsx';
import { useMonthParam } from './useMonthParam.ts';

/** How often the board refreshes itself while the page is visible. */
const POLL_MS = 60_000;

export const currentMonth = (): string => dayjs().tz(getCenterTimeZone()).format('YYYY-MM');

/** Plan and roster in one line: where the quotas and the remaining shift days come from. */
function PlanNotice({ board }: { board: TBoard }) {
  const { t } = useTranslation();
  const plan = board.plan;
  const roster =
    board.month_state === 'past'
      ? t('compliance.board.rosterPast')
      : board.roster.future_days === 0
        ? ''
        : board.roster.future_days_rostered === board.roster.future_days
          ? t('compliance.board.rosterAll')
          : board.roster.future_days_rostered === 0
            ? t('compliance.board.rosterNone', { days: board.roster.estimate_window_days })
            : t('compliance.board.rosterSome', {
                rostered: board.roster.future_days_rostered,
                total: board.roster.future_days,
              });
  return (
    <Alert
      type="info"
      showIcon
      style={{ marginBottom: 16 }}
      data-testid="compliance-plan"
      title={
        plan.id === null
          ? t('compliance.board.planDefault', { daily: plan.daily_min, monthly: plan.monthly_min })
          : t('compliance.board.plan', {
              name: planName(t, plan.name, plan.month),
              version: plan.version,
              daily: plan.daily_min,
              monthly: plan.monthly_min,
            })
      }
      description={
        <>
          {roster && <div>{roster}</div>}
          <div>{t('compliance.board.rule')}</div>
        </>
      }
    />
  );
}

function Summary({ board }: { board: TBoard }) {
  const { t } = useTranslation();
  const s = board.totals;
  const pct = s.monthly_quota_total > 0 ? Math.round((s.checks / s.monthly_quota_total) * 100) : 0;
  return (
    <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
      <Col xs={12} md={8} xl={4}>
        <Card size="small">
          <Statistic title={t('compliance.summary.csrs')} value={s.agents} />
        </Card>
      </Col>
      <Col xs={12} md={8} xl={4}>
        <Card size="small">
          <Statistic title={t('compliance.summary.met')} value={s.met} suffix={`/ ${s.agents}`} />
        </Card>
      </Col>
      <Col xs={12} md={8} xl={4}>
        <Card size="small" data-testid="summary-at-risk">
          <Statistic
            title={t('compliance.status.at_risk')}
            value={s.at_risk}
            styles={{ content: { color: s.at_risk > 0 ? '#d48806' : undefined } }}
          />
        </Card>
      </Col>
      <Col xs={12} md={8} xl={4}>
        <Card size="small">
          <Statistic
            title={t('compliance.status.missed')}
            value={s.missed}
            styles={{ content: { color: s.missed > 0 ? '#cf1322' : undefined } }}
          />
        </Card>
      </Col>
      <Col xs={12} md={8} xl={4}>
        <Card size="small">
          <Statistic title={t('compliance.summary.daysBelow')} value={s.days_below_daily_quota} />
        </Card>
      </Col>
      <Col xs={12} md={8} xl={4}>
        <Card size="small">
          <Typography.Text type="secondary">{t('compliance.summary.checks')}</Typography.Text>
          <div style={{ fontSize: 20, marginTop: 4 }}>
            {s.checks} / {s.monthly_quota_total}
          </div>
          <Progress percent={pct} size="small" showInfo={false} />
        </Card>
      </Col>
    </Row>
  );
}

/**
 * The live compliance board (clauses 3 and 4.5): per CSR checks against the monthly quota, on-shift
 * days below the daily quota and the end-of-month projection; teams and inspectors; the sample-size
 * helper. Refreshes every minute while visible, and on demand.
 */
export function ComplianceBoardPage() {
  const { t } = useTranslation();
  const [month, setMonth] = useMonthParam(currentMonth);
  const [auto, setAuto] = useState(true);
  const [open, setOpen] = useState<TBoardAgent | null>(null);
  const data = useLoad(() => complianceApi.board(month), [month]);
  const reload = useRef(data.reload);
  reload.current = data.reload;

  useEffect(() => {
    if (!auto) return;
    const id = setInterval(() => {
      if (document.visibilityState === 'visible') reload.current();
    }, POLL_MS);
    return () => clearInterval(id);
  }, [auto]);

  const board = data.data;
  const asOf = board ? dayjs(board.generated_at).tz(getCenterTimeZone()).format('HH:mm:ss') : null;

  return (
    <>
      <PageHeader
        title={t('compliance.board.title')}
        subtitle={t('compliance.board.subtitle')}
        extra={
          <>
            <DatePicker
              picker="month"
              allowClear={false}
              value={dayjs(`${month}-01`)}
              onChange={(d) => d && setMonth(d.format('YYYY-MM'))}
              data-testid="compliance-month"
            />
            <Button
              icon={<ReloadOutlined />}
              onClick={data.reload}
              loading={data.loading}
              data-testid="compliance-refresh"
            >
              {t('common.refresh')}
            </Button>
            {board?.abilities.plans && (
              <Link to={`${COMPLIANCE_PATHS.plans}?month=${month}`}>
                <Button icon={<ScheduleOutlined />}>{t('compliance.nav.plans')}</Button>
              </Link>
            )}
          </>
        }
      />
      <Flex gap={12} align="center" style={{ marginTop: -8, marginBottom: 12 }} wrap>
        {asOf && (
          <Typography.Text type="secondary" data-testid="compliance-as-of">
            {t('compliance.board.asOf', { time: asOf, today: board?.today })}
          </Typography.Text>
        )}
        <Flex gap={6} align="center">
          <Switch size="small" checked={auto} onChange={setAuto} data-testid="compliance-auto" />
          <Typography.Text type="secondary">{t('compliance.board.autoRefresh')}</Typography.Text>
        </Flex>
      </Flex>
      <ErrorAlert error={data.error} onRetry={data.reload} />
      {board && (
        <>
          <PlanNotice board={board} />
          <Summary board={board} />
          <Row gutter={[16, 16]}>
            <Col span={24}>
              <AgentTable board={board} loading={data.loading} onOpen={setOpen} />
            </Col>
            <Col xs={24} xl={14}>
              <TeamPanel board={board} loading={data.loading} />
            </Col>
            <Col xs={24} xl={10}>
              <SampleSizeCard
                month={board.month}
                boardSpread={board.spread}
                monthlyQuota={board.plan.monthly_min}
              />
            </Col>
            {board.inspectors.length > 0 && (
              <Col span={24}>
                <InspectorTable board={board} loading={data.loading} />
              </Col>
            )}
          </Row>
        </>
      )}
      <AgentDrawer agentId={open?.agent_id ?? null} month={month} onClose={() => setOpen(null)} />
    </>
  );
}
