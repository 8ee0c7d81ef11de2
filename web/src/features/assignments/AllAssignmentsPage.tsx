import { ReloadOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Flex,
  Segmented,
  Select,
  Space,
  Table,
  Typography,
} from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ASSIGNMENT_STRATEGIES, type TAssignment } from '../../../../shared/schemas/assignments.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { ExportButton } from '../../components/ExportButton.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useCursorList } from '../../hooks/useCursorList.ts';
import { useLoad } from '../../hooks/useLoad.ts';
import { ApiError } from '../../lib/api.ts';
import { downloadCsv } from '../../lib/csv.ts';
import { dayjs } from '../../lib/time.ts';
import { AgentPicker } from '../interactions/AgentPicker.tsx';
import {
  type AssignmentFilters,
  type AssignmentListQuery,
  bulkRelease,
  fetchAllAssignments,
  fetchInspectorLoads,
  fetchOptions,
  fetchSummary,
  releaseAssignment,
  toQuery,
} from './api.ts';
import {
  type AssignmentUrlFilters,
  hasAssignmentFilters,
  useAssignmentFilters,
} from './assignmentFilters.ts';
import { type SortState, assignmentColumns, csvColumns, nextSort } from './columns.tsx';
import { InspectorLoads } from './InspectorLoads.tsx';
import { QueueFilter, SummaryCards, changeErrorMessage, isOpen } from './parts.tsx';
import { ReassignModal } from './ReassignModal.tsx';
import { SkipModal } from './SkipModal.tsx';

const VIEWS = ['open', 'unassigned', 'overdue', 'done', 'skipped', 'all'] as const;
type View = (typeof VIEWS)[number];

const VIEW_FILTERS: Record<View, AssignmentFilters> = {
  open: { status: ['pending', 'unassigned'] },
  unassigned: { status: ['unassigned'] },
  overdue: { overdue: true },
  done: { status: ['done'] },
  skipped: { status: ['skipped'] },
  all: {},
};
const ALL_FILTER_KEYS = ['assignee_id', 'agent_id', 'team_id', 'queue_id', 'strategy', 'from', 'to'] as const;
const DEFAULT_SORT: SortState = { sort: 'due_date', order: 'asc' };

/**
 * The QA lead's view of every queue: filters, the inspectors' workload, reassigning and releasing
 * one row or the selected rows, and placing the unassigned overflow. The view and the filters live
 * in the address, so a filtered list can be shared as a link.
 */
export function AllAssignmentsPage() {
  const { t } = useTranslation();
  const { modal, message } = App.useApp();
  const { filters, params, change } = useAssignmentFilters(ALL_FILTER_KEYS, ['view']);
  const view: View = VIEWS.find((v) => v === params.get('view')) ?? 'open';
  const [sort, setSort] = useState<SortState>(DEFAULT_SORT);
  const [selected, setSelected] = useState<Map<number, TAssignment>>(new Map());
  const [reassigning, setReassigning] = useState<TAssignment[] | null>(null);
  const [skipping, setSkipping] = useState<TAssignment | null>(null);
  const [generation, setGeneration] = useState(0);

  const query: AssignmentListQuery = { ...VIEW_FILTERS[view], ...filters, ...sort };
  const list = useCursorList<TAssignment>('/assignments', toQuery(query));
  const summary = useLoad(() => fetchSummary(false), [generation]);
  const inspectors = useLoad(fetchInspectorLoads, [generation]);
  const options = useLoad(fetchOptions, []);
  const lookups = useMemo(
    () => ({ queues: options.data?.queues ?? [], teams: options.data?.teams ?? [] }),
    [options.data],
  );
  const today = summary.data?.today;

  const reload = () => {
    setSelected(new Map());
    list.reload();
    setGeneration((g) => g + 1);
  };
  const set = (patch: Partial<AssignmentUrlFilters>) => {
    setSelected(new Map());
    change(patch);
  };
  const chooseView = (next: View) => {
    setSelected(new Map());
    change({}, { view: next === 'open' ? undefined : next });
  };

  const release = (rows: TAssignment[]) => {
    const pending = rows.filter((r) => r.status === 'pending');
    modal.confirm({
      title: t('assignments.release.title', { count: pending.length }),
      content: t('assignments.release.body'),
      okText: t('assignments.release.confirm'),
      okButtonProps: { danger: true },
      onOk: async () => {
        try {
          const [only] = pending;
          if (pending.length === 1 && only) await releaseAssignment(only.id, only.version);
          else await bulkRelease(pending);
          void message.success(t('assignments.release.done', { count: pending.length }));
          reload();
        } catch (err) {
          void message.error(changeErrorMessage(t, err));
          if (err instanceof ApiError && (err.code === 'conflict' || err.code === 'stale_write')) reload();
        }
      },
    });
  };

  const columns = assignmentColumns({
    t,
    today,
    lookups,
    sort,
    inspector: true,
    actions: (r) =>
      isOpen(r) ? (
        <Space size={4}>
          <Button
            size="small"
            onClick={() => setReassigning([r])}
            data-testid={`assignment-reassign-${r.id}`}
          >
            {r.status === 'unassigned' ? t('assignments.actions.place') : t('assignments.actions.reassign')}
          </Button>
          {r.status === 'pending' && (
            <Button size="small" onClick={() => release([r])} data-testid={`assignment-release-${r.id}`}>
              {t('assignments.actions.release')}
            </Button>
          )}
          <Button size="small" type="text" onClick={() => setSkipping(r)}>
            {t('assignments.actions.skip')}
          </Button>
        </Space>
      ) : r.evaluation_id ? (
        <Link to={`/evaluations/${r.evaluation_id}`}>{t('assignments.actions.view')}</Link>
      ) : null,
  });

  const handleExport = async (onProgress: (n: number) => void) => {
    const rows = await fetchAllAssignments(query, onProgress);
    downloadCsv(t('assignments.all.exportName'), rows, csvColumns(t, lookups));
    return rows.length;
  };

  const selectedRows = [...selected.values()];
  const unassigned = summary.data?.unassigned ?? 0;
  return (
    <>
      <PageHeader
        title={t('assignments.all.title')}
        subtitle={t('assignments.all.subtitle')}
        extra={
          <>
            <Button icon={<ReloadOutlined />} onClick={reload}>
              {t('common.refresh')}
            </Button>
            <ExportButton run={handleExport} disabled={list.total === 0} />
          </>
        }
      />
      <SummaryCards
        summary={summary.data}
        keys={['pending', 'dueToday', 'overdue', 'unassigned', 'doneToday']}
        onPick={(key) =>
          chooseView(
            key === 'overdue'
              ? 'overdue'
              : key === 'unassigned'
                ? 'unassigned'
                : key === 'doneToday'
                  ? 'done'
                  : 'open',
          )
        }
      />
      {unassigned > 0 && view !== 'unassigned' && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('assignments.all.unassignedHint', { count: unassigned })}
          action={
            <Button size="small" onClick={() => chooseView('unassigned')} data-testid="show-unassigned">
              {t('assignments.all.showUnassigned')}
            </Button>
          }
        />
      )}
      <InspectorLoads
        loads={inspectors.data?.items ?? []}
        loading={inspectors.loading}
        error={inspectors.error}
        selected={filters.assignee_id}
        onPick={(id) => set({ assignee_id: id === filters.assignee_id ? undefined : id })}
      />
      <Card>
        <Flex gap={8} wrap align="center" style={{ marginBottom: 16 }}>
          <Segmented<View>
            value={view}
            onChange={chooseView}
            options={VIEWS.map((key) => ({
              value: key,
              label:
                key === 'unassigned'
                  ? t('assignments.status.unassigned')
                  : key === 'open'
                    ? t('assignments.tabs.openAll')
                    : t(`assignments.tabs.${key}`),
            }))}
            data-testid="assignment-views"
          />
          <Select<number | undefined>
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('assignments.filters.inspector')}
            value={filters.assignee_id}
            onChange={(assignee_id) => set({ assignee_id })}
            options={(inspectors.data?.items ?? []).map((i) => ({ value: i.id, label: i.display_name }))}
            style={{ width: 160 }}
            data-testid="filter-inspector"
          />
          <AgentPicker
            value={filters.agent_id}
            onChange={(agent_id) => set({ agent_id })}
            placeholder={t('assignments.filters.agent')}
            testId="filter-agent"
          />
          <Select<number | undefined>
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('assignments.filters.team')}
            value={filters.team_id}
            onChange={(team_id) => set({ team_id })}
            options={lookups.teams.map((team) => ({ value: team.id, label: team.name }))}
            style={{ width: 150 }}
          />
          <QueueFilter
            queues={lookups.queues}
            value={filters.queue_id}
            onChange={(queue_id) => set({ queue_id })}
            testId="filter-queue"
          />
          <Select
            allowClear
            placeholder={t('assignments.filters.strategy')}
            value={filters.strategy}
            onChange={(strategy) => set({ strategy })}
            options={ASSIGNMENT_STRATEGIES.map((s) => ({ value: s, label: t(`assignments.strategy.${s}`) }))}
            style={{ width: 130 }}
          />
          <DatePicker.RangePicker
            aria-label={t('assignments.filters.period')}
            placeholder={[t('assignments.filters.period'), t('assignments.filters.period')]}
            value={filters.from && filters.to ? [dayjs(filters.from), dayjs(filters.to)] : null}
            onChange={(r) => set({ from: r?.[0]?.format('YYYY-MM-DD'), to: r?.[1]?.format('YYYY-MM-DD') })}
            style={{ width: 260 }}
          />
          <Button
            onClick={() => {
              setSelected(new Map());
              change(null, { view: undefined });
            }}
            disabled={view === 'open' && !hasAssignmentFilters(filters)}
            data-testid="filter-reset"
          >
            {t('common.reset')}
          </Button>
        </Flex>
        {selectedRows.length > 0 && (
          <Alert
            type="info"
            style={{ marginBottom: 12 }}
            title={
              <Flex gap={8} align="center" wrap data-testid="bulk-bar">
                <Typography.Text strong>
                  {t('assignments.all.selected', { count: selectedRows.length })}
                </Typography.Text>
                <Button
                  type="primary"
                  size="small"
                  onClick={() => setReassigning(selectedRows)}
                  data-testid="bulk-reassign"
                >
                  {selectedRows.every((r) => r.status === 'unassigned')
                    ? t('assignments.actions.place')
                    : t('assignments.actions.reassign')}
                </Button>
                <Button
                  size="small"
                  disabled={!selectedRows.some((r) => r.status === 'pending')}
                  onClick={() => release(selectedRows)}
                  data-testid="bulk-release"
                >
                  {t('assignments.actions.release')}
                </Button>
                <Button size="small" type="link" onClick={() => setSelected(new Map())}>
                  {t('assignments.all.clearSelection')}
                </Button>
              </Flex>
            }
          />
        )}
        <ErrorAlert error={list.error} onRetry={list.reload} />
        <Table<TAssignment>
          rowKey="id"
          size="middle"
          data-testid="assignments-table"
          columns={columns}
          dataSource={list.items}
          loading={list.loading}
          pagination={false}
          scroll={{ x: 'max-content' }}
          rowSelection={{
            selectedRowKeys: [...selected.keys()],
            preserveSelectedRowKeys: true,
            getCheckboxProps: (r) => ({ disabled: !isOpen(r) }),
            onChange: (_keys, rows) => setSelected(new Map(rows.filter(Boolean).map((r) => [r.id, r]))),
          }}
          onChange={(_p, _f, sorter) => setSort(nextSort(sorter, DEFAULT_SORT))}
        />
        <Flex justify="space-between" align="center" style={{ marginTop: 16 }}>
          <Typography.Text type="secondary" data-testid="assignments-count">
            {t('common.showing', { shown: list.items.length, total: list.total })}
          </Typography.Text>
          {list.hasMore && (
            <Button onClick={list.loadMore} loading={list.loading}>
              {t('common.loadMore')}
            </Button>
          )}
        </Flex>
      </Card>
      {reassigning && (
        <ReassignModal
          rows={reassigning}
          inspectors={inspectors.data?.items ?? []}
          inspectorsError={inspectors.error}
          onClose={() => setReassigning(null)}
          onDone={() => {
            setReassigning(null);
            reload();
          }}
        />
      )}
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
