import { Space, Typography, type TableColumnsType } from 'antd';
import type { TFunction } from 'i18next';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import type { AssignmentSort, TAssignment } from '../../../../shared/schemas/assignments.ts';
import type { TQueue } from '../../../../shared/schemas/queue.ts';
import type { TTeam } from '../../../../shared/schemas/team.ts';
import type { CsvColumn } from '../../lib/csv.ts';
import { formatDateTime } from '../../lib/time.ts';
import { ScoreText } from '../evaluations/parts.tsx';
import { formatDuration } from '../interactions/api.ts';
import { AssignmentStatusTag, DueCell, PickedCell, ruleLabel } from './parts.tsx';

export type Lookups = { queues: TQueue[]; teams: TTeam[] };
export type SortState = { sort: AssignmentSort; order: 'asc' | 'desc' };

/** The table columns both queues share; `inspector` adds who has it, `actions` the last column. */
export function assignmentColumns(options: {
  t: TFunction;
  today: string | undefined;
  lookups: Lookups;
  sort: SortState;
  inspector: boolean;
  actions: (row: TAssignment) => ReactNode;
}): TableColumnsType<TAssignment> {
  const { t, today, lookups, sort } = options;
  const sortOrder = (key: AssignmentSort) =>
    sort.sort === key ? (sort.order === 'asc' ? ('ascend' as const) : ('descend' as const)) : null;
  const columns: TableColumnsType<TAssignment> = [
    {
      title: t('assignments.columns.due'),
      key: 'due_date',
      sorter: true,
      sortOrder: sortOrder('due_date'),
      render: (_v, r) => <DueCell row={r} today={today} />,
    },
    {
      title: t('assignments.columns.contact'),
      key: 'started_at',
      sorter: true,
      sortOrder: sortOrder('started_at'),
      render: (_v, r) => (
        <Space orientation="vertical" size={0} style={{ whiteSpace: 'nowrap' }}>
          <Link to={`/interactions/${r.interaction_id}`} onClick={(e) => e.stopPropagation()}>
            {formatDateTime(r.started_at)}
          </Link>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t(`quality.channel.${r.channel}`)} · {formatDuration(r.duration_s)} · {r.external_id}
          </Typography.Text>
        </Space>
      ),
    },
    {
      title: t('assignments.columns.agent'),
      key: 'agent',
      render: (_v, r) => (
        <Space orientation="vertical" size={0} style={{ whiteSpace: 'nowrap' }}>
          <span>{r.agent_name}</span>
          {r.team_name && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {r.team_name}
            </Typography.Text>
          )}
        </Space>
      ),
    },
    {
      title: t('assignments.columns.queue'),
      key: 'queue',
      render: (_v, r) => r.queue_name ?? r.queue ?? t('common.none'),
    },
    {
      title: t('assignments.columns.picked'),
      key: 'picked',
      render: (_v, r) => <PickedCell row={r} lookups={lookups} />,
    },
  ];
  if (options.inspector) {
    columns.push({
      title: t('assignments.columns.inspector'),
      key: 'inspector',
      render: (_v, r) =>
        r.assignee_name ?? (
          <Typography.Text type="warning">{t('assignments.status.unassigned')}</Typography.Text>
        ),
    });
  }
  columns.push(
    {
      title: t('assignments.columns.status'),
      key: 'status',
      render: (_v, r) => (
        <Space orientation="vertical" size={2}>
          <AssignmentStatusTag status={r.status} />
          {r.status === 'done' && r.evaluation_score !== null && (
            <ScoreText
              score={r.evaluation_score}
              fatal={r.evaluation_fatal ?? false}
              passed={r.evaluation_passed ?? false}
            />
          )}
          {r.status === 'skipped' && r.skip_reason && (
            <Typography.Text
              type="secondary"
              style={{ fontSize: 12, maxWidth: 220 }}
              ellipsis={{ tooltip: true }}
            >
              {r.skip_reason}
            </Typography.Text>
          )}
        </Space>
      ),
    },
    {
      title: t('assignments.columns.actions'),
      key: 'actions',
      fixed: 'right',
      render: (_v, r) => options.actions(r),
    },
  );
  return columns;
}

/** The CSV columns of an export (the same for both queues, with the inspector). */
export function csvColumns(t: TFunction, lookups: Lookups): CsvColumn<TAssignment>[] {
  return [
    { header: t('assignments.columns.due'), value: (r) => r.due_date },
    {
      header: t('assignments.columns.overdue'),
      value: (r) => (r.overdue ? t('common.yes') : t('common.no')),
    },
    { header: t('assignments.columns.date'), value: (r) => r.date },
    { header: t('assignments.columns.startedAt'), value: (r) => formatDateTime(r.started_at) },
    { header: t('assignments.columns.externalId'), value: (r) => r.external_id },
    { header: t('assignments.columns.agent'), value: (r) => `${r.agent_name} (${r.agent_username})` },
    { header: t('assignments.columns.team'), value: (r) => r.team_name },
    { header: t('assignments.columns.queue'), value: (r) => r.queue_name ?? r.queue },
    { header: t('assignments.columns.channel'), value: (r) => t(`quality.channel.${r.channel}`) },
    { header: t('assignments.columns.duration'), value: (r) => r.duration_s },
    { header: t('assignments.columns.picked'), value: (r) => t(`assignments.strategy.${r.strategy}`) },
    { header: t('assignments.columns.rule'), value: (r) => ruleLabel(t, r.rule, lookups) },
    {
      header: t('assignments.columns.inspector'),
      value: (r) => (r.assignee_name ? `${r.assignee_name} (${r.assignee_username})` : ''),
    },
    { header: t('assignments.columns.status'), value: (r) => t(`assignments.status.${r.status}`) },
    { header: t('assignments.columns.result'), value: (r) => r.evaluation_score },
    { header: t('assignments.columns.evaluation'), value: (r) => r.evaluation_id },
    { header: t('assignments.columns.completedAt'), value: (r) => formatDateTime(r.completed_at) },
    { header: t('assignments.columns.skipReason'), value: (r) => r.skip_reason },
  ];
}

/** The sort a table header click asks for (back to the default when cleared). */
export function nextSort(sorter: unknown, fallback: SortState): SortState {
  const s = (Array.isArray(sorter) ? sorter[0] : sorter) as
    { order?: 'ascend' | 'descend' | null; columnKey?: string } | undefined;
  if (!s?.order || !s.columnKey) return fallback;
  return { sort: s.columnKey as AssignmentSort, order: s.order === 'ascend' ? 'asc' : 'desc' };
}
