import { Card, Flex, Segmented, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { TDispute } from '../../../../shared/schemas/evaluation.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { ExportButton } from '../../components/ExportButton.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useCursorList } from '../../hooks/useCursorList.ts';
import { fetchAllPages } from '../../lib/api.ts';
import { downloadCsv } from '../../lib/csv.ts';
import { formatDateTime } from '../../lib/time.ts';

type Show = 'open' | 'closed' | 'all';

const STATUS_COLORS: Record<TDispute['status'], string> = {
  team_leader: 'warning',
  qa_review: 'processing',
  upheld: 'default',
  corrected: 'purple',
};

/** Disputes for the team leader (B12) and the QA lead (B14), open ones first. */
export function DisputesPage() {
  const { t } = useTranslation();
  const [show, setShow] = useState<Show>('open');
  const query = { open: show === 'all' ? undefined : show === 'open' };
  const list = useCursorList<TDispute>('/disputes', query);
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
      { header: 'id', value: (d) => d.id },
      { header: t('disputes.columns.evaluation'), value: (d) => d.evaluation_id },
      { header: t('disputes.columns.agent'), value: (d) => d.agent_name },
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
        <Flex style={{ marginBottom: 16 }}>
          <Segmented<Show>
            value={show}
            onChange={setShow}
            options={[
              { value: 'open', label: t('disputes.filters.open') },
              { value: 'closed', label: t('disputes.filters.closed') },
              { value: 'all', label: t('common.all') },
            ]}
            data-testid="disputes-filter"
          />
        </Flex>
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
        </Flex>
      </Card>
    </>
  );
}
