import { ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, DatePicker, Empty, Flex, Segmented, Space, Table, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { TAssignment } from '../../../../shared/schemas/assignments.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { ExportButton } from '../../components/ExportButton.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useCursorList } from '../../hooks/useCursorList.ts';
import { useLoad } from '../../hooks/useLoad.ts';
import { downloadCsv } from '../../lib/csv.ts';
import { dayjs } from '../../lib/time.ts';
import { AgentPicker } from '../interactions/AgentPicker.tsx';
import {
  type AssignmentFilters,
  type AssignmentListQuery,
  completedOf,
  evaluatePath,
  fetchAllAssignments,
  fetchOptions,
  fetchSummary,
  toQuery,
} from './api.ts';
import {
  type AssignmentUrlFilters,
  hasAssignmentFilters,
  useAssignmentFilters,
} from './assignmentFilters.ts';
import { type SortState, assignmentColumns, csvColumns, nextSort } from './columns.tsx';
import { QueueFilter, SummaryCards, isOpen } from './parts.tsx';
import { SkipModal } from './SkipModal.tsx';

const TABS = ['open', 'overdue', 'done', 'skipped', 'all'] as const;
type Tab = (typeof TABS)[number];

const TAB_FILTERS: Record<Tab, AssignmentFilters> = {
  open: { status: ['pending'] },
  overdue: { status: ['pending'], overdue: true },
  done: { status: ['done'] },
  skipped: { status: ['skipped'] },
  all: {},
};
const DEFAULT_SORT: SortState = { sort: 'due_date', order: 'asc' };

const QUEUE_FILTER_KEYS = ['agent_id', 'queue_id', 'from', 'to'] as const;

const isTab = (v: string | null): v is Tab => (TABS as readonly string[]).includes(v ?? '');

/**
 * An inspector's own work queue: what the sampling run picked for them, due dates (overdue in
 * red), today's counts, and a button that opens each contact in the evaluation workspace, where
 * submitting completes it and comes back here (`?completed=ID&evaluation=ID`: a banner linking to
 * the evaluation, offering the next one). The tab and the filters (CSR,
 * queue, contact dates) live in the address, so a filtered queue can be shared as a link.
 */
export function WorkQueuePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  // An inspector's queue is their own: only the filters this page shows are read.
  const { filters, params, change } = useAssignmentFilters(QUEUE_FILTER_KEYS, ['tab']);
  const tab: Tab = isTab(params.get('tab')) ? (params.get('tab') as Tab) : 'open';
  // The assignment just completed and the evaluation submitted for it (the banner links to it).
  const { assignment: completed, evaluation: submitted } = completedOf(params);
  const [sort, setSort] = useState<SortState>(DEFAULT_SORT);
  const [skipping, setSkipping] = useState<TAssignment | null>(null);
  const [generation, setGeneration] = useState(0);

  const query: AssignmentListQuery = { mine: true, ...TAB_FILTERS[tab], ...filters, ...sort };
  const list = useCursorList<TAssignment>('/assignments', toQuery(query));
  const summary = useLoad(() => fetchSummary(true), [generation]);
  const options = useLoad(fetchOptions, []);
  const lookups = useMemo(
    () => ({ queues: options.data?.queues ?? [], teams: options.data?.teams ?? [] }),
    [options.data],
  );
  const today = summary.data?.today;

  const reload = () => {
    list.reload();
    setGeneration((g) => g + 1);
  };
  const setTab = (next: Tab) => change({}, { tab: next === 'open' ? undefined : next });
  const set = (patch: Partial<AssignmentUrlFilters>) => change(patch);
  const next = list.items.find((r) => r.status === 'pending' && r.id !== completed);

  const columns = assignmentColumns({
    t,
    today,
    lookups,
    sort,
    inspector: false,
    actions: (r) =>
      isOpen(r) ? (
        <Space size={4} wrap>
          <Link to={evaluatePath(r, params)}>
            <Button type="primary" size="small" data-testid={`assignment-evaluate-${r.id}`}>
              {r.draft_evaluation_id
                ? t('assignments.actions.continueDraft')
                : t('assignments.actions.evaluate')}
            </Button>
          </Link>
          <Button size="small" onClick={() => setSkipping(r)} data-testid={`assignment-skip-${r.id}`}>
            {t('assignments.actions.skip')}
          </Button>
        </Space>
      ) : r.evaluation_id ? (
        <Link to={`/evaluations/${r.evaluation_id}`}>{t('assignments.actions.view')}</Link>
      ) : null,
  });

  const handleExport = async (onProgress: (n: number) => void) => {
    const rows = await fetchAllAssignments(query, onProgress);
    downloadCsv(t('assignments.queue.exportName'), rows, csvColumns(t, lookups));
    return rows.length;
  };

  const filtered = tab !== 'open' || hasAssignmentFilters(filters);
  return (
    <>
      <PageHeader
        title={t('assignments.queue.title')}
        subtitle={t('assignments.queue.subtitle')}
        extra={
          <>
            <Button icon={<ReloadOutlined />} onClick={reload}>
              {t('common.refresh')}
            </Button>
            <ExportButton run={handleExport} disabled={list.total === 0} />
          </>
        }
      />
      {completed && (
        <Alert
          type="success"
          showIcon
          closable={{ onClose: () => change({}) }}
          style={{ marginBottom: 16 }}
          title={
            <Space wrap size={[12, 0]}>
              {t('assignments.queue.completed')}
              {submitted && (
                <Link to={`/evaluations/${submitted}`} data-testid="assignment-completed-evaluation">
                  {t('assignments.queue.viewSubmitted', { id: submitted })}
                </Link>
              )}
            </Space>
          }
          action={
            next && (
              <Button type="primary" size="small" onClick={() => void navigate(evaluatePath(next, params))}>
                {next.draft_evaluation_id
                  ? t('assignments.actions.continueDraft')
                  : t('assignments.actions.evaluate')}
              </Button>
            )
          }
          data-testid="assignment-completed"
        />
      )}
      <SummaryCards
        summary={summary.data}
        keys={['pending', 'dueToday', 'overdue', 'doneToday']}
        onPick={(key) => setTab(key === 'overdue' ? 'overdue' : key === 'doneToday' ? 'done' : 'open')}
      />
      <Card>
        <Flex gap={12} wrap align="center" style={{ marginBottom: 16 }}>
          <Segmented<Tab>
            value={tab}
            onChange={setTab}
            options={TABS.map((key) => ({ value: key, label: t(`assignments.tabs.${key}`) }))}
            data-testid="queue-tabs"
          />
          <AgentPicker
            value={filters.agent_id}
            onChange={(agent_id) => set({ agent_id })}
            placeholder={t('assignments.filters.agent')}
            testId="queue-filter-agent"
          />
          <QueueFilter
            queues={lookups.queues}
            value={filters.queue_id}
            onChange={(queue_id) => set({ queue_id })}
            testId="queue-filter-queue"
          />
          <DatePicker.RangePicker
            aria-label={t('assignments.filters.period')}
            placeholder={[t('assignments.filters.period'), t('assignments.filters.period')]}
            value={filters.from && filters.to ? [dayjs(filters.from), dayjs(filters.to)] : null}
            onChange={(r) => set({ from: r?.[0]?.format('YYYY-MM-DD'), to: r?.[1]?.format('YYYY-MM-DD') })}
            style={{ width: 260 }}
          />
          <Button
            onClick={() => change(null, { tab: undefined })}
            disabled={tab === 'open' && !hasAssignmentFilters(filters)}
            data-testid="queue-filter-reset"
          >
            {t('common.reset')}
          </Button>
        </Flex>
        <ErrorAlert error={list.error} onRetry={list.reload} />
        <Table<TAssignment>
          rowKey="id"
          size="middle"
          data-testid="queue-table"
          columns={columns}
          dataSource={list.items}
          loading={list.loading}
          pagination={false}
          scroll={{ x: 'max-content' }}
          locale={{
            emptyText: (
              <Empty
                image={Empty.PRESENTED_IMAGE_SIMPLE}
                description={filtered ? t('assignments.queue.emptyFiltered') : t('assignments.queue.empty')}
              />
            ),
          }}
          onChange={(_p, _f, sorter) => setSort(nextSort(sorter, DEFAULT_SORT))}
        />
        <Flex justify="space-between" align="center" style={{ marginTop: 16 }}>
          <Typography.Text type="secondary" data-testid="queue-count">
            {t('common.showing', { shown: list.items.length, total: list.total })}
          </Typography.Text>
          {list.hasMore && (
            <Button onClick={list.loadMore} loading={list.loading}>
              {t('common.loadMore')}
            </Button>
          )}
        </Flex>
      </Card>
      {skipping && (
        <SkipModal
          assignment={skipping}
          onClose={() => setSkipping(null)}
          onDone={() => {
            setSkipping(null);
            reload();
          }}
        />
      )}
    </>
  );
}
