import { FormOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Space, Table, Typography, type TableColumnType } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { TEvaluation } from '../../../../shared/schemas/evaluation.ts';
import { useAbility } from '../../app/session.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { ExportButton } from '../../components/ExportButton.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useCursorList } from '../../hooks/useCursorList.ts';
import { useLoad } from '../../hooks/useLoad.ts';
import { downloadCsv } from '../../lib/csv.ts';
import { formatDate, formatDateTime } from '../../lib/time.ts';
import {
  fetchAgentsToFilter,
  fetchAllEvaluations,
  fetchInbox,
  fetchInspectors,
  fetchTeams,
  toQuery,
  type EvaluationFilters,
  type EvaluationListQuery,
  type EvaluationSort,
} from './api.ts';
import { EvaluationFilterBar } from './EvaluationFilterBar.tsx';
import { useEvaluationFilters } from './evaluationFilters.ts';
import { EvaluationStatusTag, ScoreText } from './parts.tsx';

/** The CSR's own evaluations (GET /evaluations?mine=true), with what waits for confirmation. */
export function MyEvaluationsPage() {
  return <EvaluationList mine />;
}

/**
 * Evaluations the caller may see, filtered, sorted, exportable. The filters live in the address
 * (`?agent_id=&from=&to=` …), so a list can be linked, e.g. from a CSR's day on the compliance board.
 */
export function EvaluationsPage() {
  return <EvaluationList mine={false} />;
}

function EvaluationList({ mine }: { mine: boolean }) {
  const { t } = useTranslation();
  const canCreate = useAbility('evaluations.create');
  const [urlFilters, setFilters] = useEvaluationFilters();
  const filters: EvaluationFilters = mine ? { ...urlFilters, mine: true } : urlFilters;
  const [sort, setSort] = useState<{ sort: EvaluationSort; order: 'asc' | 'desc' }>({
    sort: 'id',
    order: 'desc',
  });
  const query: EvaluationListQuery = { ...filters, ...sort };
  const list = useCursorList<TEvaluation>('/evaluations', toQuery(query));
  const people = useLoad(
    async () =>
      mine
        ? { agents: [], inspectors: [], teams: [] }
        : await Promise.all([fetchAgentsToFilter(), fetchInspectors(), fetchTeams()]).then(
            ([agents, inspectors, teams]) => ({
              agents,
              inspectors,
              teams,
            }),
          ),
    [mine],
  );
  const counts = useLoad(() => (mine ? fetchInbox() : Promise.resolve(null)), [mine]);

  const sortOrder = (key: EvaluationSort): TableColumnType<TEvaluation>['sortOrder'] =>
    sort.sort === key ? (sort.order === 'asc' ? 'ascend' : 'descend') : null;

  const columns = useMemo(
    () =>
      [
        {
          title: '#',
          dataIndex: 'id',
          key: 'id',
          sorter: true,
          sortOrder: sortOrder('id'),
          render: (v: number) => <Link to={`/evaluations/${v}`}>#{v}</Link>,
        },
        {
          title: t('evaluations.fields.date'),
          dataIndex: 'local_date',
          key: 'local_date',
          sorter: true,
          sortOrder: sortOrder('local_date'),
          render: (v: string) => <span style={{ whiteSpace: 'nowrap' }}>{formatDate(v)}</span>,
        },
        ...(mine ? [] : [{ title: t('evaluations.fields.agent'), dataIndex: 'agent_name', key: 'agent' }]),
        { title: t('evaluations.fields.inspector'), dataIndex: 'evaluator_name', key: 'inspector' },
        {
          title: t('evaluations.fields.method'),
          dataIndex: 'method',
          key: 'method',
          render: (_: unknown, r: TEvaluation) => t(`evaluations.method.${r.method}`),
        },
        {
          title: t('evaluations.fields.score'),
          dataIndex: 'score',
          key: 'score',
          sorter: true,
          sortOrder: sortOrder('score'),
          render: (_: unknown, r: TEvaluation) => (
            <ScoreText score={r.score} fatal={r.fatal} passed={r.passed} status={r.status} />
          ),
        },
        {
          title: t('evaluations.fields.status'),
          dataIndex: 'status',
          key: 'status',
          render: (_: unknown, r: TEvaluation) => (
            <EvaluationStatusTag status={r.status} overdue={r.overdue} late={r.acknowledged_late} />
          ),
        },
        {
          title: t('evaluations.fields.ackDue'),
          dataIndex: 'ack_due_at',
          key: 'due',
          render: (v: string | null, r: TEvaluation) =>
            r.status === 'submitted' && v ? (
              <Typography.Text type={r.overdue ? 'danger' : undefined} style={{ whiteSpace: 'nowrap' }}>
                {formatDateTime(v)}
              </Typography.Text>
            ) : (
              t('common.none')
            ),
        },
        { title: t('evaluations.fields.form'), dataIndex: 'form_name', key: 'form' },
      ] as TableColumnType<TEvaluation>[],
    // eslint-disable-next-line react-hooks/exhaustive-deps -- sortOrder reads `sort`
    [t, mine, sort],
  );

  const handleExport = async (onProgress: (n: number) => void) => {
    const rows = await fetchAllEvaluations(query, onProgress);
    downloadCsv<TEvaluation>(t('evaluations.list.exportName'), rows, [
      { header: t('evaluations.fields.id'), value: (r) => r.id },
      { header: t('evaluations.fields.date'), value: (r) => r.local_date },
      { header: t('evaluations.fields.agent'), value: (r) => r.agent_name },
      { header: t('evaluations.fields.inspector'), value: (r) => r.evaluator_name },
      { header: t('evaluations.fields.form'), value: (r) => `${r.form_name} v${r.form_version}` },
      { header: t('evaluations.fields.method'), value: (r) => t(`evaluations.method.${r.method}`) },
      { header: t('evaluations.fields.phase'), value: (r) => t(`evaluations.phase.${r.phase}`) },
      { header: t('evaluations.fields.status'), value: (r) => t(`evaluations.status.${r.status}`) },
      { header: t('evaluations.fields.score'), value: (r) => r.score },
      { header: t('evaluations.fatal'), value: (r) => (r.fatal ? t('common.yes') : t('common.no')) },
      { header: t('evaluations.passed'), value: (r) => (r.passed ? t('common.yes') : t('common.no')) },
      { header: t('evaluations.fields.submittedAt'), value: (r) => formatDateTime(r.submitted_at) },
      { header: t('evaluations.fields.ackDue'), value: (r) => formatDateTime(r.ack_due_at) },
      { header: t('evaluations.overdue'), value: (r) => (r.overdue ? t('common.yes') : t('common.no')) },
      { header: t('evaluations.fields.acknowledgedAt'), value: (r) => formatDateTime(r.acknowledged_at) },
      { header: t('evaluations.fields.countersignedAt'), value: (r) => formatDateTime(r.countersigned_at) },
    ]);
    return rows.length;
  };

  return (
    <>
      <PageHeader
        title={t(mine ? 'evaluations.list.mineTitle' : 'evaluations.list.title')}
        subtitle={t(mine ? 'evaluations.list.mineSubtitle' : 'evaluations.list.subtitle')}
        extra={
          <>
            <ExportButton run={handleExport} disabled={list.total === 0} />
            {canCreate && !mine && (
              <Link to="/evaluate">
                <Button type="primary" icon={<FormOutlined />}>
                  {t('evaluations.list.new')}
                </Button>
              </Link>
            )}
          </>
        }
      />
      {mine && counts.data && (counts.data.to_confirm > 0 || counts.data.overdue > 0) && (
        <Alert
          type={counts.data.overdue > 0 ? 'warning' : 'info'}
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="to-confirm"
          title={
            <Space wrap>
              {t('evaluations.list.toConfirm', { count: counts.data.to_confirm })}
              {counts.data.overdue > 0 && t('evaluations.list.overdueCount', { count: counts.data.overdue })}
            </Space>
          }
          action={
            <Button size="small" onClick={() => setFilters({ status: 'submitted' }, { clear: true })}>
              {t('evaluations.list.showToConfirm')}
            </Button>
          }
        />
      )}
      <Card>
        <EvaluationFilterBar
          value={filters}
          onChange={setFilters}
          agents={people.data?.agents}
          inspectors={people.data?.inspectors}
          teams={people.data?.teams}
          compact={mine}
        />
        <ErrorAlert error={list.error} onRetry={list.reload} />
        <Table<TEvaluation>
          rowKey="id"
          size="middle"
          data-testid="evaluations-table"
          columns={columns}
          dataSource={list.items}
          loading={list.loading}
          pagination={false}
          scroll={{ x: 'max-content' }}
          onChange={(_p, _f, sorter) => {
            const s = Array.isArray(sorter) ? sorter[0] : sorter;
            if (!s?.order || !s.columnKey) setSort({ sort: 'id', order: 'desc' });
            else
              setSort({ sort: s.columnKey as EvaluationSort, order: s.order === 'ascend' ? 'asc' : 'desc' });
          }}
        />
        <Flex justify="space-between" align="center" style={{ marginTop: 16 }}>
          <Typography.Text type="secondary" data-testid="evaluations-count">
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
