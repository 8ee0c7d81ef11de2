import { UploadOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { generatePath, useNavigate, useSearchParams } from 'react-router';
import type { TInteraction } from '../../../../shared/schemas/interaction.ts';
import { PATHS } from '../../app/router-paths.ts';
import { useAbility } from '../../app/session.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { ExportButton } from '../../components/ExportButton.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useCursorList } from '../../hooks/useCursorList.ts';
import { useLoad } from '../../hooks/useLoad.ts';
import { downloadCsv } from '../../lib/csv.ts';
import { formatDateTime } from '../../lib/time.ts';
import {
  fetchAllInteractions,
  fetchFilterOptions,
  formatDuration,
  toQuery,
  type InteractionFilters,
  type InteractionListQuery,
  type InteractionSort,
} from './api.ts';
import { interactionCsvColumns } from './export-columns.ts';
import { InteractionFilterBar } from './InteractionFilterBar.tsx';

/** Filters from the address (?import_id= from the import history), so a list can be linked. */
function initialFilters(params: URLSearchParams): InteractionFilters {
  const importId = Number(params.get('import_id'));
  return importId > 0 ? { import_id: importId } : {};
}

export function InteractionsPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const canImport = useAbility('interactions.import');
  const [filters, setFilters] = useState<InteractionFilters>(() => initialFilters(params));
  const [sort, setSort] = useState<{ sort: InteractionSort; order: 'asc' | 'desc' }>({
    sort: 'started_at',
    order: 'desc',
  });
  const query: InteractionListQuery = { ...filters, ...sort };
  const list = useCursorList<TInteraction>('/interactions', toQuery(query));
  const options = useLoad(fetchFilterOptions, []);
  const queueNames = useMemo(
    () => new Map((options.data?.queues ?? []).map((q) => [q.code, q.name])),
    [options.data],
  );
  /** The queue's name as the page shows it; its code while the queues are unknown. */
  const queueName = (code: string | null) => (code ? (queueNames.get(code) ?? code) : null);

  const sortOrder = (key: InteractionSort) =>
    sort.sort === key ? (sort.order === 'asc' ? ('ascend' as const) : ('descend' as const)) : null;
  const yesNo = (v: boolean) =>
    v ? <Tag color="green">{t('common.yes')}</Tag> : <Tag>{t('common.no')}</Tag>;

  const columns: TableColumnsType<TInteraction> = [
    {
      title: t('interactions.columns.startedAt'),
      key: 'started_at',
      dataIndex: 'started_at',
      sorter: true,
      sortOrder: sortOrder('started_at'),
      render: (v: string) => <span style={{ whiteSpace: 'nowrap' }}>{formatDateTime(v)}</span>,
    },
    {
      title: t('interactions.columns.externalId'),
      dataIndex: 'external_id',
      render: (v: string) => <Typography.Text code>{v}</Typography.Text>,
    },
    {
      title: t('interactions.columns.agent'),
      dataIndex: 'agent_name',
      render: (v: string, r) => (
        <span style={{ whiteSpace: 'nowrap' }}>
          {v} <Typography.Text type="secondary">({r.agent_username})</Typography.Text>
        </span>
      ),
    },
    {
      title: t('interactions.columns.duration'),
      key: 'duration_s',
      dataIndex: 'duration_s',
      sorter: true,
      sortOrder: sortOrder('duration_s'),
      align: 'right',
      render: (v: number) => formatDuration(v),
    },
    {
      title: t('interactions.columns.channel'),
      dataIndex: 'channel',
      render: (v: TInteraction['channel']) => t(`quality.channel.${v}`),
    },
    {
      title: t('interactions.columns.direction'),
      dataIndex: 'direction',
      render: (v: TInteraction['direction']) => t(`quality.direction.${v}`),
    },
    {
      title: t('interactions.columns.queue'),
      dataIndex: 'queue',
      render: (v: string | null) => queueName(v) ?? t('common.none'),
    },
    {
      title: t('interactions.columns.customerRef'),
      dataIndex: 'customer_ref',
      render: (v: string | null) => v ?? t('common.none'),
    },
    { title: t('interactions.columns.recording'), dataIndex: 'has_recording', render: yesNo },
    { title: t('interactions.columns.transcript'), dataIndex: 'has_transcript', render: yesNo },
  ];

  const handleExport = async (onProgress: (n: number) => void) => {
    const rows = await fetchAllInteractions(query, onProgress);
    downloadCsv<TInteraction>(t('interactions.exportName'), rows, interactionCsvColumns(t, queueName));
    return rows.length;
  };

  return (
    <>
      <PageHeader
        title={t('interactions.title')}
        subtitle={t('interactions.subtitle')}
        extra={
          <>
            <ExportButton run={handleExport} disabled={list.total === 0} />
            {canImport && (
              <Button icon={<UploadOutlined />} onClick={() => void navigate(PATHS.imports)}>
                {t('interactions.import')}
              </Button>
            )}
          </>
        }
      />
      <Card>
        <InteractionFilterBar
          value={filters}
          teams={options.data?.teams ?? []}
          queues={options.data?.queues ?? []}
          onChange={setFilters}
        />
        <ErrorAlert error={list.error} onRetry={list.reload} />
        <Table<TInteraction>
          rowKey="id"
          data-testid="interactions-table"
          size="middle"
          columns={columns}
          dataSource={list.items}
          loading={list.loading}
          pagination={false}
          scroll={{ x: 'max-content' }}
          onRow={(r) => ({
            onClick: () => void navigate(generatePath(PATHS.interaction, { id: String(r.id) })),
            style: { cursor: 'pointer' },
          })}
          onChange={(_p, _f, sorter) => {
            const s = Array.isArray(sorter) ? sorter[0] : sorter;
            if (!s?.order || !s.columnKey) setSort({ sort: 'started_at', order: 'desc' });
            else
              setSort({
                sort: s.columnKey as InteractionSort,
                order: s.order === 'ascend' ? 'asc' : 'desc',
              });
          }}
        />
        <Flex justify="space-between" align="center" style={{ marginTop: 16 }}>
          <Typography.Text type="secondary" data-testid="interactions-count">
            {t('common.showing', { shown: list.items.length, total: list.total })}
          </Typography.Text>
          {list.hasMore && (
            <Button onClick={list.loadMore} loading={list.loading}>
              {t('common.loadMore')}
            </Button>
          )}
        </Flex>
      </Card>
    </>
  );
}
