import { PlusOutlined, TagsOutlined } from '@ant-design/icons';
import { Button, Card, Dropdown, Flex, Input, Select, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { MoreOutlined } from '@ant-design/icons';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { generatePath, Link, useNavigate } from 'react-router';
import type { TFormSummary } from '../../../../shared/schemas/form.ts';
import { PAGE_ABILITIES, PATHS } from '../../app/router-paths.ts';
import { useAbility } from '../../app/session.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { ExportButton } from '../../components/ExportButton.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useCursorList } from '../../hooks/useCursorList.ts';
import { useLoad } from '../../hooks/useLoad.ts';
import { downloadCsv } from '../../lib/csv.ts';
import { formatDateTime } from '../../lib/time.ts';
import { fetchAllForms, fetchQueues, toQuery, type FormFilters } from './api.ts';
import { useScorecardActions } from './useScorecardActions.ts';

const formPath = (id: number) => generatePath(PATHS.scorecard, { id: String(id) });
const editPath = (id: number) => generatePath(PATHS.scorecardEdit, { id: String(id) });

export function ScorecardsPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const canCreate = useAbility('forms.create');
  const canEdit = useAbility(...PAGE_ABILITIES.scorecardEdit);
  const canCategories = useAbility(...PAGE_ABILITIES.categories);
  const [filters, setFilters] = useState<FormFilters>({ status: 'active' });
  const [text, setText] = useState('');
  const list = useCursorList<TFormSummary>('/forms', toQuery(filters));
  const queues = useLoad(fetchQueues, []);
  const queueById = useMemo(() => new Map((queues.data ?? []).map((q) => [q.id, q])), [queues.data]);
  const queueNames = (ids: number[]) =>
    ids.length ? ids.map((id) => queueById.get(id)?.name ?? `#${id}`).join('、') : t('scorecards.allQueues');

  const { handleArchive, handleDuplicate } = useScorecardActions((saved) =>
    list.replace((r) => r.id === saved.id, saved),
  );

  const columns: TableColumnsType<TFormSummary> = [
    {
      title: t('scorecards.columns.name'),
      dataIndex: 'name',
      sorter: (a, b) => a.name.localeCompare(b.name),
      render: (v: string, r) => <Link to={formPath(r.id)}>{v}</Link>,
    },
    {
      title: t('scorecards.columns.version'),
      dataIndex: 'current_version',
      render: (v: number) => t('scorecards.view.versionTag', { n: v }),
    },
    { title: t('scorecards.columns.items'), dataIndex: 'item_count', align: 'right' },
    { title: t('scorecards.columns.totalPoints'), dataIndex: 'total_points', align: 'right' },
    {
      title: t('scorecards.columns.passMark'),
      dataIndex: 'pass_mark',
      align: 'right',
      sorter: (a, b) => a.pass_mark - b.pass_mark,
    },
    { title: t('scorecards.columns.queues'), dataIndex: 'queue_ids', render: queueNames },
    {
      title: t('scorecards.columns.status'),
      dataIndex: 'status',
      render: (v: TFormSummary['status']) => (
        <Tag color={v === 'active' ? 'success' : 'default'}>{t(`scorecards.status.${v}`)}</Tag>
      ),
    },
    {
      title: t('scorecards.columns.updatedAt'),
      dataIndex: 'updated_at',
      sorter: (a, b) => a.updated_at.localeCompare(b.updated_at),
      render: (v: string) => <span style={{ whiteSpace: 'nowrap' }}>{formatDateTime(v)}</span>,
    },
    {
      title: t('common.actions'),
      key: 'actions',
      fixed: 'right',
      render: (_, r) => (
        <Space size={0}>
          <Button type="link" size="small" onClick={() => void navigate(formPath(r.id))}>
            {t('scorecards.actions.view')}
          </Button>
          {canEdit && (
            <>
              <Button type="link" size="small" onClick={() => void navigate(editPath(r.id))}>
                {t('scorecards.actions.edit')}
              </Button>
              <Dropdown
                trigger={['click']}
                menu={{
                  items: [
                    ...(canCreate ? [{ key: 'duplicate', label: t('scorecards.actions.duplicate') }] : []),
                    r.status === 'active'
                      ? { key: 'archive', label: t('scorecards.actions.archive'), danger: true }
                      : { key: 'restore', label: t('scorecards.actions.restore') },
                  ],
                  onClick: ({ key }) => {
                    if (key === 'duplicate') handleDuplicate(r);
                    else handleArchive(r, key === 'archive');
                  },
                }}
              >
                <Button type="text" size="small" icon={<MoreOutlined />} aria-label={t('common.more')} />
              </Dropdown>
            </>
          )}
        </Space>
      ),
    },
  ];

  const handleExport = async (onProgress: (n: number) => void) => {
    const rows = await fetchAllForms(filters, onProgress);
    downloadCsv<TFormSummary>(t('scorecards.exportName'), rows, [
      { header: t('scorecards.columns.name'), value: (r) => r.name },
      { header: t('scorecards.columns.version'), value: (r) => r.current_version },
      { header: t('scorecards.columns.items'), value: (r) => r.item_count },
      { header: t('scorecards.columns.totalPoints'), value: (r) => r.total_points },
      { header: t('scorecards.columns.passMark'), value: (r) => r.pass_mark },
      { header: t('scorecards.columns.queues'), value: (r) => queueNames(r.queue_ids) },
      { header: t('scorecards.columns.status'), value: (r) => t(`scorecards.status.${r.status}`) },
      { header: t('scorecards.columns.updatedAt'), value: (r) => formatDateTime(r.updated_at) },
    ]);
    return rows.length;
  };

  return (
    <>
      <PageHeader
        title={t('scorecards.title')}
        subtitle={t('scorecards.subtitle')}
        extra={
          <>
            <ExportButton run={handleExport} disabled={list.total === 0} />
            {canCategories && (
              <Button icon={<TagsOutlined />} onClick={() => void navigate(PATHS.categories)}>
                {t('quality.nav.categories')}
              </Button>
            )}
            {canCreate && (
              <Button
                type="primary"
                icon={<PlusOutlined />}
                onClick={() => void navigate(PATHS.scorecardNew)}
                data-testid="scorecard-create"
              >
                {t('scorecards.create')}
              </Button>
            )}
          </>
        }
      />
      <Card>
        <Flex gap={8} wrap style={{ marginBottom: 16 }}>
          <Input.Search
            allowClear
            placeholder={t('scorecards.search')}
            value={text}
            onChange={(e) => setText(e.target.value)}
            onSearch={(q) => setFilters({ ...filters, q: q.trim() || undefined })}
            style={{ width: 240 }}
          />
          <Select<TFormSummary['status'] | undefined>
            allowClear
            placeholder={t('scorecards.anyStatus')}
            value={filters.status}
            onChange={(status) => setFilters({ ...filters, status })}
            options={(['active', 'archived'] as const).map((s) => ({
              value: s,
              label: t(`scorecards.status.${s}`),
            }))}
            style={{ width: 140 }}
          />
          <Select<number | undefined>
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('scorecards.anyQueue')}
            value={filters.queue_id}
            onChange={(queue_id) => setFilters({ ...filters, queue_id })}
            options={(queues.data ?? []).map((q) => ({ value: q.id, label: `${q.name} (${q.code})` }))}
            style={{ width: 180 }}
          />
          <Button
            onClick={() => {
              setText('');
              setFilters({ status: 'active' });
            }}
          >
            {t('common.reset')}
          </Button>
        </Flex>
        <ErrorAlert error={list.error} onRetry={list.reload} />
        <Table<TFormSummary>
          rowKey="id"
          size="middle"
          data-testid="scorecards-table"
          columns={columns}
          dataSource={list.items}
          loading={list.loading}
          pagination={false}
          scroll={{ x: 'max-content' }}
        />
        <Flex justify="space-between" align="center" style={{ marginTop: 16 }}>
          <Typography.Text type="secondary">
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
