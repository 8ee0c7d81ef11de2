import { Card, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { TSamplingPlan } from '../../../../shared/schemas/sampling.ts';
import { useMe } from '../../app/session.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { ExportButton } from '../../components/ExportButton.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { PageSpinner } from '../../components/PageSpinner.tsx';
import { useLoad } from '../../hooks/useLoad.ts';
import { downloadCsv } from '../../lib/csv.ts';
import { formatDateTime } from '../../lib/time.ts';
import { fetchActivePlan, fetchDirectory, fetchPlans } from './api.ts';
import { planPath, samplingAccess } from './access.ts';
import { PlanEditor, STATUS_COLORS } from './PlanEditor.tsx';
import { planName } from './plan-name.ts';

/** The active sampling plan, editable by the QA lead, and every other plan with its status. */
export function PlanPage() {
  const { t } = useTranslation();
  const me = useMe();
  const access = samplingAccess(me);
  const active = useLoad(fetchActivePlan, []);
  const plans = useLoad(fetchPlans, []);
  const directory = useLoad(fetchDirectory, []);

  const handleExport = async () => {
    const rows = await fetchPlans();
    downloadCsv<TSamplingPlan>(t('sampling.plan.exportName'), rows, [
      { header: t('sampling.plan.fields.name'), value: (p) => planName(t, p.name) },
      { header: t('sampling.plan.fields.status'), value: (p) => t(`sampling.plan.status.${p.status}`) },
      { header: t('sampling.plan.fields.month'), value: (p) => p.month },
      { header: t('sampling.plan.fields.dailyMin'), value: (p) => p.daily_min },
      { header: t('sampling.plan.fields.monthlyMin'), value: (p) => p.monthly_min },
      { header: t('sampling.plan.fields.version'), value: (p) => p.version },
      { header: t('sampling.plan.fields.updatedAt'), value: (p) => formatDateTime(p.updated_at) },
      { header: t('sampling.plan.fields.activatedAt'), value: (p) => formatDateTime(p.activated_at) },
    ]);
    return rows.length;
  };

  return (
    <>
      <PageHeader title={t('sampling.plan.title')} subtitle={t('sampling.plan.subtitle')} />
      <ErrorAlert error={active.error ?? directory.error} onRetry={active.reload} />
      {active.data && directory.data ? (
        <PlanEditor
          plan={active.data}
          directory={directory.data}
          canManage={access.managePlan}
          onChanged={() => {
            active.reload();
            plans.reload();
          }}
        />
      ) : (
        !active.error && !directory.error && <PageSpinner />
      )}
      <Card
        title={t('sampling.plan.allPlans')}
        extra={<ExportButton run={handleExport} disabled={(plans.data?.length ?? 0) === 0} />}
      >
        <Typography.Paragraph type="secondary">{t('sampling.plan.allPlansHelp')}</Typography.Paragraph>
        <ErrorAlert error={plans.error} onRetry={plans.reload} />
        <Table<TSamplingPlan>
          rowKey="id"
          size="middle"
          data-testid="plans-table"
          loading={plans.loading}
          dataSource={plans.data ?? []}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          scroll={{ x: 'max-content' }}
          columns={[
            {
              title: t('sampling.plan.fields.name'),
              dataIndex: 'name',
              sorter: (a, b) => a.name.localeCompare(b.name),
              render: (name: string, p) => <Link to={planPath(p.id)}>{planName(t, name)}</Link>,
            },
            {
              title: t('sampling.plan.fields.status'),
              dataIndex: 'status',
              filters: (['active', 'proposed', 'archived'] as const).map((s) => ({
                text: t(`sampling.plan.status.${s}`),
                value: s,
              })),
              onFilter: (v, p) => p.status === v,
              render: (s: TSamplingPlan['status']) => (
                <Tag color={STATUS_COLORS[s]}>{t(`sampling.plan.status.${s}`)}</Tag>
              ),
            },
            {
              title: t('sampling.plan.fields.month'),
              dataIndex: 'month',
              render: (m: string | null) => m ?? '—',
            },
            {
              title: t('sampling.plan.fields.dailyMin'),
              dataIndex: 'daily_min',
              sorter: (a, b) => a.daily_min - b.daily_min,
            },
            {
              title: t('sampling.plan.fields.monthlyMin'),
              dataIndex: 'monthly_min',
              sorter: (a, b) => a.monthly_min - b.monthly_min,
            },
            {
              title: t('sampling.plan.fields.rules'),
              key: 'rules',
              render: (_, p) =>
                p.config.strategies.targeted.length +
                p.config.strategies.quantitative.length +
                p.config.agent_overrides.length,
            },
            {
              title: t('sampling.plan.fields.updatedAt'),
              dataIndex: 'updated_at',
              sorter: (a, b) => a.updated_at.localeCompare(b.updated_at),
              render: (v: string) => formatDateTime(v),
            },
            {
              title: t('sampling.plan.fields.activatedAt'),
              dataIndex: 'activated_at',
              render: (v: string | null) => (v ? formatDateTime(v) : '—'),
            },
          ]}
        />
      </Card>
    </>
  );
}
