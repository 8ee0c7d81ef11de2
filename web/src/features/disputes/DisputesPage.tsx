import { Button, Card, DatePicker, Flex, Segmented, Select, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import {
  DISPUTE_OUTCOMES,
  type TDispute,
  type TDisputeOutcome,
} from '../../../../shared/schemas/evaluation.ts';
import { DISPUTE_STATUSES, type DisputeStatus } from '../../../../shared/workflow.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { ExportButton } from '../../components/ExportButton.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useCursorList } from '../../hooks/useCursorList.ts';
import { useLoad } from '../../hooks/useLoad.ts';
import { fetchAllPages } from '../../lib/api.ts';
import { downloadCsv } from '../../lib/csv.ts';
import { dayjs, formatDateTime } from '../../lib/time.ts';
import { fetchInspectors } from '../evaluations/api.ts';
import { type DisputeShow, useDisputeFilters } from './disputeFilters.ts';

const STATUS_COLORS: Record<TDispute['status'], string> = {
  team_leader: 'warning',
  qa_review: 'processing',
  upheld: 'default',
  corrected: 'purple',
};

/**
 * Disputes for the team leader (B12) and the QA lead (B14), open ones first; the inspector-accuracy
 * figures (B15–B16) open it filtered by inspector, month and outcome (kept in the address).
 */
export function DisputesPage() {
  const { t } = useTranslation();
  const [filters, setFilters] = useDisputeFilters();
  const { show } = filters;
  const query = {
    open: show === 'all' ? undefined : show === 'open',
    evaluator_id: filters.evaluator_id,
    month: filters.month,
    outcome: filters.outcome,
    status: filters.status,
  };
  const list = useCursorList<TDispute>('/disputes', query);
  // Who may filter by inspector sees the inspectors; others get no options (never an error).
  const inspectors = useLoad(() => fetchInspectors().catch(() => []), []);
  const inspectorOptions = (inspectors.data ?? []).map((u) => ({ value: u.id, label: u.display_name }));
  const shown = list.items.find((d) => d.evaluator_id === filters.evaluator_id);
  if (filters.evaluator_id !== undefined && !inspectorOptions.some((o) => o.value === filters.evaluator_id)) {
    inspectorOptions.push({
      value: filters.evaluator_id,
      label: shown?.evaluator_name ?? `#${filters.evaluator_id}`,
    });
  }
  const narrowed =
    filters.evaluator_id !== undefined ||
    filters.month !== undefined ||
    filters.outcome !== undefined ||
    filters.status !== undefined;
  const [sorted, setSorted] = useState<{ key: 'created_at' | 'status'; asc: boolean }>({
    key: 'created_at',
    asc: false,
  });
  const rows = [...list.items].sort((a, b) => {
    const cmp =
      sorted.key === 'status' ? a.status.localeCompare(b.status) : a.created_at.localeCompare(b.created_at);
    return sorted.asc ? cmp : -cmp;
  });

  const handleExport = async (onProgress: (n: number) => void) => {
    const all = await fetchAllPages<TDispute>('/disputes', query, onProgress);
    downloadCsv<TDispute>(t('disputes.exportName'), all, [
      { header: t('disputes.columns.id'), value: (d) => d.id },
      { header: t('disputes.columns.evaluation'), value: (d) => d.evaluation_id },
      { header: t('disputes.columns.agent'), value: (d) => d.agent_name },
      { header: t('disputes.columns.inspector'), value: (d) => d.evaluator_name },
      { header: t('disputes.columns.raisedAt'), value: (d) => formatDateTime(d.created_at) },
      { header: t('disputes.columns.reason'), value: (d) => d.reason },
      { header: t('disputes.columns.status'), value: (d) => t(`disputes.status.${d.status}`) },
      { header: t('disputes.steps.leader'), value: (d) => d.leader_name },
      { header: t('disputes.steps.review'), value: (d) => d.reviewer_name },
      {
        header: t('disputes.inspectorErred'),
        value: (d) =>
          d.inspector_error === null ? '' : d.inspector_error ? t('common.yes') : t('common.no'),
      },
      { header: t('disputes.columns.closedAt'), value: (d) => formatDateTime(d.closed_at) },
    ]);
    return all.length;
  };

  return (
    <>
      <PageHeader
        title={t('disputes.title')}
        subtitle={t('disputes.subtitle')}
        extra={<ExportButton run={handleExport} disabled={list.total === 0} />}
      />
      <Card>
        <Flex gap={8} wrap align="center" style={{ marginBottom: 16 }}>
          <Segmented<DisputeShow>
            value={show}
            onChange={(next) => setFilters({ ...filters, show: next })}
            options={[
              { value: 'open', label: t('disputes.filters.open') },
              { value: 'closed', label: t('disputes.filters.closed') },
              { value: 'all', label: t('common.all') },
            ]}
            data-testid="disputes-filter"
          />
          <Select<number | undefined>
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('disputes.filters.inspector')}
            value={filters.evaluator_id}
            onChange={(evaluator_id) => setFilters({ ...filters, evaluator_id })}
            options={inspectorOptions}
            style={{ width: 180 }}
            data-testid="disputes-filter-inspector"
          />
          <DatePicker
            picker="month"
            placeholder={t('disputes.filters.month')}
            value={filters.month ? dayjs(`${filters.month}-01`) : null}
            onChange={(d) => setFilters({ ...filters, month: d ? d.format('YYYY-MM') : undefined })}
            data-testid="disputes-filter-month"
          />
          <Select<TDisputeOutcome | undefined>
            allowClear
            placeholder={t('disputes.filters.outcome')}
            value={filters.outcome}
            onChange={(outcome) => setFilters({ ...filters, outcome })}
            options={DISPUTE_OUTCOMES.map((o) => ({ value: o, label: t(`disputes.outcome.${o}`) }))}
            style={{ width: 200 }}
            data-testid="disputes-filter-outcome"
          />
          <Select<DisputeStatus | undefined>
            allowClear
            placeholder={t('disputes.filters.status')}
            value={filters.status}
            onChange={(status) => setFilters({ ...filters, status })}
            options={DISPUTE_STATUSES.map((s) => ({ value: s, label: t(`disputes.status.${s}`) }))}
            style={{ width: 150 }}
            data-testid="disputes-filter-status"
          />
          {narrowed && (
            <Button type="link" onClick={() => setFilters({ show })} data-testid="disputes-filter-clear">
              {t('disputes.filters.clear')}
            </Button>
          )}
        </Flex>
        {filters.month !== undefined && (
          <Typography.Paragraph type="secondary" data-testid="disputes-month-note">
            {t('disputes.filters.monthNote')}
          </Typography.Paragraph>
        )}
        <ErrorAlert error={list.error} onRetry={list.reload} />
        <Table<TDispute>
          rowKey="id"
          size="middle"
          data-testid="disputes-table"
          dataSource={rows}
          loading={list.loading}
          pagination={false}
          scroll={{ x: 'max-content' }}
          onChange={(_p, _f, sorter) => {
            const s = Array.isArray(sorter) ? sorter[0] : sorter;
            if (!s?.order || !s.columnKey) setSorted({ key: 'created_at', asc: false });
            else setSorted({ key: s.columnKey as 'created_at' | 'status', asc: s.order === 'ascend' });
          }}
          columns={[
            {
              title: t('disputes.columns.evaluation'),
              dataIndex: 'evaluation_id',
              render: (v: number) => (
                <Link to={`/evaluations/${v}`} data-testid={`dispute-open-${v}`}>
                  #{v}
                </Link>
              ),
            },
            { title: t('disputes.columns.agent'), dataIndex: 'agent_name' },
            { title: t('disputes.columns.inspector'), dataIndex: 'evaluator_name' },
            {
              title: t('disputes.columns.raisedAt'),
              dataIndex: 'created_at',
              key: 'created_at',
              sorter: true,
              sortOrder: sorted.key === 'created_at' ? (sorted.asc ? 'ascend' : 'descend') : null,
              render: (v: string) => <span style={{ whiteSpace: 'nowrap' }}>{formatDateTime(v)}</span>,
            },
            {
              title: t('disputes.columns.reason'),
              dataIndex: 'reason',
              render: (v: string) => (
                <Typography.Paragraph ellipsis={{ rows: 2 }} style={{ margin: 0, maxWidth: 360 }}>
                  {v}
                </Typography.Paragraph>
              ),
            },
            {
              title: t('disputes.columns.status'),
              dataIndex: 'status',
              key: 'status',
              sorter: true,
              sortOrder: sorted.key === 'status' ? (sorted.asc ? 'ascend' : 'descend') : null,
              render: (v: TDispute['status']) => (
                <Tag color={STATUS_COLORS[v]}>{t(`disputes.status.${v}`)}</Tag>
              ),
            },
            {
              title: t('disputes.columns.closedAt'),
              dataIndex: 'closed_at',
              render: (v: string | null) => formatDateTime(v) || t('common.none'),
            },
          ]}
        />
        <Flex justify="space-between" align="center" style={{ marginTop: 16 }}>
          <Typography.Text type="secondary">
            {t('common.showing', { shown: list.items.length, total: list.total })}
          </Typography.Text>
          {list.hasMore && (
            <Button onClick={list.loadMore} loading={list.loading} data-testid="disputes-more">
              {t('common.loadMore')}
            </Button>
          )}
        </Flex>
      </Card>
    </>
  );
}
