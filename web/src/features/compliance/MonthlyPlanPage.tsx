import { BulbOutlined, CheckCircleOutlined, DeleteOutlined } from '@ant-design/icons';
import {
  App,
  Button,
  Card,
  DatePicker,
  Descriptions,
  Empty,
  Flex,
  Popconfirm,
  Segmented,
  Tag,
  Typography,
} from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { planName } from '../sampling/plan-name.ts';
import { nextMonth, previousMonth, type TMonthlyPlan } from '../../../../shared/schemas/compliance.ts';
import { useAbility } from '../../app/session.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useLoad } from '../../hooks/useLoad.ts';
import { ApiError } from '../../lib/api.ts';
import { errorMessage } from '../../lib/errors.ts';
import { dayjs, formatDateTime, getCenterTimeZone } from '../../lib/time.ts';
import { complianceApi } from './api.ts';
import { ComparisonView } from './ComparisonView.tsx';
import { ProposalReview } from './ProposalReview.tsx';
import { ProposalThresholds } from './ProposalThresholds.tsx';
import {
  DEFAULT_THRESHOLD_INPUTS,
  type ThresholdInputs,
  inputsOfProposal,
  proposeRequest,
} from './proposalThresholds.ts';
import { useMonthParam } from './useMonthParam.ts';

const STATUS_COLOR: Record<TMonthlyPlan['status'], string> = {
  proposed: 'gold',
  active: 'green',
  archived: 'default',
};

/** The month that is starting: the next one from the 20th on, else the current one. */
function defaultMonth(): string {
  const now = dayjs().tz(getCenterTimeZone());
  const month = now.format('YYYY-MM');
  return now.date() >= 20 ? nextMonth(month) : month;
}

/**
 * The monthly targeted plan (clause 4.3): propose a month's plan from last month's results, review
 * the reasons, activate it (the sampling plan's own endpoint), and see whether targeting helped.
 */
export function MonthlyPlanPage() {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const canPropose = useAbility('compliance.propose');
  const canRead = useAbility('compliance.plans');
  const [month, setMonth] = useMonthParam(defaultMonth);
  const [view, setView] = useState<'plan' | 'comparison'>('plan');
  const [selected, setSelected] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  /** Thresholds the QA lead typed; until then, those of the shown proposal (or the defaults). */
  const [edited, setEdited] = useState<ThresholdInputs | null>(null);
  const plans = useLoad(
    () => (canRead ? complianceApi.plans(month) : Promise.resolve(null)),
    [month, canRead],
  );
  const comparison = useLoad(
    () => (canRead && view === 'comparison' ? complianceApi.comparison(month) : Promise.resolve(null)),
    [month, view, canRead],
  );
  const items = plans.data?.items ?? [];
  const plan =
    items.find((p) => p.id === selected) ?? items.find((p) => p.proposal !== null) ?? items[0] ?? null;

  const usedByPlan = plan?.proposal ? inputsOfProposal(plan.proposal) : null;
  const thresholds = edited ?? usedByPlan ?? DEFAULT_THRESHOLD_INPUTS;

  useEffect(() => {
    setSelected(null);
    setEdited(null);
  }, [month]);

  const propose = async (replace: boolean) => {
    setBusy(true);
    try {
      const created = await complianceApi.propose(proposeRequest(month, replace, thresholds));
      void message.success(t('compliance.plans.proposed', { month }));
      setSelected(created.id);
      setEdited(null);
      plans.reload();
    } catch (err) {
      if (err instanceof ApiError && err.code === 'conflict' && !replace) {
        modal.confirm({
          title: t('compliance.plans.replaceTitle'),
          content: t('compliance.plans.replaceBody', { month }),
          okText: t('compliance.plans.replace'),
          cancelText: t('common.cancel'),
          onOk: () => propose(true),
        });
      } else {
        void message.error(errorMessage(t, err));
      }
    } finally {
      setBusy(false);
    }
  };

  const act = async (kind: 'activate' | 'discard', p: TMonthlyPlan) => {
    setBusy(true);
    try {
      await (kind === 'activate'
        ? complianceApi.activate(p.id, p.version)
        : complianceApi.discard(p.id, p.version));
      void message.success(
        t(kind === 'activate' ? 'compliance.plans.activated' : 'compliance.plans.discarded'),
      );
      plans.reload();
    } catch (err) {
      void message.error(errorMessage(t, err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <PageHeader
        title={t('compliance.plans.title')}
        subtitle={t('compliance.plans.subtitle')}
        extra={
          <>
            <DatePicker
              picker="month"
              allowClear={false}
              value={dayjs(`${month}-01`)}
              onChange={(d) => d && setMonth(d.format('YYYY-MM'))}
              data-testid="plans-month"
            />
            {canPropose && (
              <Button
                type="primary"
                icon={<BulbOutlined />}
                loading={busy}
                onClick={() => void propose(false)}
                data-testid="propose"
              >
                {t('compliance.plans.propose', { month })}
              </Button>
            )}
          </>
        }
      />
      <Segmented<'plan' | 'comparison'>
        style={{ marginBottom: 16 }}
        value={view}
        onChange={setView}
        options={[
          { value: 'plan', label: t('compliance.plans.viewPlan') },
          { value: 'comparison', label: t('compliance.plans.viewComparison') },
        ]}
        data-testid="plans-view"
      />
      <ErrorAlert error={plans.error} onRetry={plans.reload} />
      {view === 'plan' && (
        <>
          {canPropose && (
            <ProposalThresholds
              value={thresholds}
              onChange={setEdited}
              onPropose={() => void propose(false)}
              busy={busy}
              regenerate={plan?.status === 'proposed' && plan.proposal !== null}
              month={month}
              usedByPlan={usedByPlan}
            />
          )}
          {items.length > 1 && (
            <Flex gap={8} wrap style={{ marginBottom: 12 }}>
              {items.map((p) => (
                <Button
                  key={p.id}
                  type={p.id === plan?.id ? 'primary' : 'default'}
                  ghost={p.id === plan?.id}
                  onClick={() => setSelected(p.id)}
                >
                  #{p.id} <Tag color={STATUS_COLOR[p.status]}>{t(`compliance.planStatus.${p.status}`)}</Tag>
                </Button>
              ))}
            </Flex>
          )}
          {plan ? (
            <Card
              data-testid="plan-card"
              title={
                <span>
                  {plan.proposal
                    ? t('compliance.plans.name', { month: plan.month ?? month })
                    : planName(t, plan.name, plan.month)}{' '}
                  <Tag color={STATUS_COLOR[plan.status]} data-testid="plan-status">
                    {t(`compliance.planStatus.${plan.status}`)}
                  </Tag>
                </span>
              }
              extra={
                canPropose &&
                plan.status === 'proposed' && (
                  <Flex gap={8}>
                    <Popconfirm
                      title={t('compliance.plans.activateConfirm')}
                      description={t('compliance.plans.activateHelp')}
                      okText={t('compliance.plans.activate')}
                      cancelText={t('common.cancel')}
                      onConfirm={() => void act('activate', plan)}
                    >
                      <Button
                        type="primary"
                        icon={<CheckCircleOutlined />}
                        loading={busy}
                        data-testid="activate"
                      >
                        {t('compliance.plans.activate')}
                      </Button>
                    </Popconfirm>
                    <Popconfirm
                      title={t('compliance.plans.discardConfirm')}
                      okText={t('compliance.plans.discard')}
                      cancelText={t('common.cancel')}
                      onConfirm={() => void act('discard', plan)}
                    >
                      <Button danger icon={<DeleteOutlined />} loading={busy}>
                        {t('compliance.plans.discard')}
                      </Button>
                    </Popconfirm>
                  </Flex>
                )
              }
            >
              <Descriptions
                size="small"
                column={{ xs: 1, md: 2, xl: 4 }}
                style={{ marginBottom: 16 }}
                items={[
                  {
                    key: 'quota',
                    label: t('compliance.plans.quotas'),
                    children: t('compliance.plans.quotasValue', {
                      daily: plan.daily_min,
                      monthly: plan.monthly_min,
                    }),
                  },
                  { key: 'overrides', label: t('compliance.plans.overrides'), children: plan.overrides },
                  { key: 'rules', label: t('compliance.plans.rules'), children: plan.targeted_rules },
                  {
                    key: 'made',
                    label: t('compliance.plans.made'),
                    children: `${formatDateTime(plan.created_at)}${plan.created_by_name ? ` · ${plan.created_by_name}` : plan.proposal?.trigger === 'schedule' ? ` · ${t('compliance.plans.bySchedule')}` : ''}`,
                  },
                  ...(plan.activated_at
                    ? [
                        {
                          key: 'activated',
                          label: t('compliance.plans.activatedAt'),
                          children: `${formatDateTime(plan.activated_at)}${plan.activated_by_name ? ` · ${plan.activated_by_name}` : ''}`,
                        },
                      ]
                    : []),
                ]}
              />
              {plan.proposal ? (
                <ProposalReview proposal={plan.proposal} />
              ) : (
                <Typography.Text type="secondary">{t('compliance.plans.notProposal')}</Typography.Text>
              )}
            </Card>
          ) : (
            !plans.loading && (
              <Card>
                <Empty
                  description={
                    <>
                      <div>{t('compliance.plans.none', { month })}</div>
                      {canPropose && (
                        <Typography.Text type="secondary">
                          {t('compliance.plans.noneHint', { month, last: previousMonth(month) })}
                        </Typography.Text>
                      )}
                    </>
                  }
                  data-testid="plans-empty"
                />
              </Card>
            )
          )}
        </>
      )}
      {view === 'comparison' && (
        <Card loading={comparison.loading && !comparison.data}>
          <ErrorAlert error={comparison.error} onRetry={comparison.reload} />
          {comparison.data && <ComparisonView comparison={comparison.data} />}
        </Card>
      )}
    </>
  );
}
