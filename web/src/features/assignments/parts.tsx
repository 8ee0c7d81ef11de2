import { Card, Flex, Select, Space, Statistic, Tag, Tooltip, Typography } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type {
  AssignmentStatus,
  TAssignment,
  TAssignmentSummary,
} from '../../../../shared/schemas/assignments.ts';
import type { TQueue } from '../../../../shared/schemas/queue.ts';
import type { TTeam } from '../../../../shared/schemas/team.ts';
import { ApiError } from '../../lib/api.ts';
import { errorMessage } from '../../lib/errors.ts';
import { dayjs } from '../../lib/time.ts';

const STATUS_COLORS: Record<AssignmentStatus, string> = {
  pending: 'processing',
  unassigned: 'warning',
  done: 'success',
  skipped: 'default',
};

export function AssignmentStatusTag({ status }: { status: AssignmentStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={STATUS_COLORS[status]} style={{ marginInlineEnd: 0 }} data-testid="assignment-status">
      {t(`assignments.status.${status}`)}
    </Tag>
  );
}

/** Whole days from `from` to `to` (calendar dates YYYY-MM-DD). */
const daysBetween = (from: string, to: string) => dayjs(to).diff(dayjs(from), 'day');

/** The due date, red with how late when overdue, highlighted when due today. */
export function DueCell({ row, today }: { row: TAssignment; today: string | undefined }) {
  const { t } = useTranslation();
  const open = row.status === 'pending' || row.status === 'unassigned';
  return (
    <Space size={4} wrap style={{ whiteSpace: 'nowrap' }}>
      <Typography.Text type={row.overdue ? 'danger' : undefined} strong={row.overdue}>
        {row.due_date}
      </Typography.Text>
      {row.overdue && (
        <Tag color="error" style={{ marginInlineEnd: 0 }} data-testid="assignment-overdue">
          {today
            ? t('assignments.overdueDays', { count: daysBetween(row.due_date, today) })
            : t('assignments.overdue')}
        </Tag>
      )}
      {open && !row.overdue && today === row.due_date && (
        <Tag color="orange" style={{ marginInlineEnd: 0 }}>
          {t('assignments.dueToday')}
        </Tag>
      )}
    </Space>
  );
}

/** A readable label of the rule key the sampling run stored (`queue:3`, `new_hire:90`, …). */
export function ruleLabel(
  t: TFunction,
  rule: string | null,
  lookups: { queues: TQueue[]; teams: TTeam[] },
): string | null {
  if (!rule) return null;
  const [kind = '', value = ''] = rule.split(':');
  switch (kind) {
    case 'queue': {
      const queue = lookups.queues.find((q) => String(q.id) === value || q.code === value);
      return t('assignments.rule.queue', { value: queue?.name ?? value });
    }
    case 'team': {
      const team = lookups.teams.find((x) => String(x.id) === value);
      return t('assignments.rule.team', { value: team?.name ?? value });
    }
    case 'direction':
      return t('assignments.rule.direction', {
        value: value === 'inbound' || value === 'outbound' ? t(`quality.direction.${value}`) : value,
      });
    case 'duration_above':
    case 'duration_below':
    case 'repeat_contact':
    case 'new_hire':
    case 'below_pass_mark':
    case 'fatal_last_month':
    case 'agent':
      return t(`assignments.rule.${kind}`, { value });
    default:
      return rule;
  }
}

const STRATEGY_COLORS = { random: 'blue', targeted: 'purple', quantitative: 'geekblue' } as const;

/** How the sampling run picked it: the strategy, and the rule as a tooltip and second line. */
export function PickedCell({
  row,
  lookups,
}: {
  row: TAssignment;
  lookups: { queues: TQueue[]; teams: TTeam[] };
}) {
  const { t } = useTranslation();
  const rule = ruleLabel(t, row.rule, lookups);
  const tag = (
    <Tag color={STRATEGY_COLORS[row.strategy]} style={{ marginInlineEnd: 0 }}>
      {t(`assignments.strategy.${row.strategy}`)}
    </Tag>
  );
  if (!rule) return tag;
  return (
    <Tooltip title={rule}>
      <Space orientation="vertical" size={0}>
        {tag}
        <Typography.Text type="secondary" style={{ fontSize: 12 }} ellipsis>
          {rule}
        </Typography.Text>
      </Space>
    </Tooltip>
  );
}

type SummaryKey = 'pending' | 'dueToday' | 'overdue' | 'doneToday' | 'unassigned';

/** The counts above a queue; clicking one filters the table to it. */
export function SummaryCards({
  summary,
  keys,
  onPick,
}: {
  summary: TAssignmentSummary | undefined;
  keys: SummaryKey[];
  onPick?: (key: SummaryKey) => void;
}) {
  const { t } = useTranslation();
  const value: Record<SummaryKey, number | undefined> = {
    pending: summary?.pending,
    dueToday: summary?.due_today,
    overdue: summary?.overdue,
    doneToday: summary?.done_today,
    unassigned: summary?.unassigned,
  };
  const color: Partial<Record<SummaryKey, string>> = {
    overdue: (summary?.overdue ?? 0) > 0 ? '#cf1322' : undefined,
    dueToday: (summary?.due_today ?? 0) > 0 ? '#d46b08' : undefined,
    unassigned: (summary?.unassigned ?? 0) > 0 ? '#d48806' : undefined,
    doneToday: '#389e0d',
  };
  return (
    <Flex gap={16} wrap style={{ marginBottom: 16 }}>
      {keys.map((key) => (
        <Card
          key={key}
          size="small"
          hoverable={onPick !== undefined}
          onClick={onPick ? () => onPick(key) : undefined}
          // 120 px: the five cards of "All assignments" stay on one row down to a 1024 px window.
          style={{ flex: '1 1 120px' }}
          data-testid={`summary-${key}`}
        >
          <Statistic
            title={t(`assignments.summary.${key}`)}
            value={value[key] ?? '—'}
            styles={{ content: { color: color[key] } }}
          />
        </Card>
      ))}
    </Flex>
  );
}

/**
 * A message for a failed change: the refused-state and stale answers say what happened in the
 * user's language (the server's text stays English), anything else as usual.
 */
export function changeErrorMessage(t: TFunction, error: unknown): string {
  if (error instanceof ApiError) {
    if (error.code === 'stale_write') return t('assignments.errors.stale');
    const details = error.details as { reason?: string } | null | undefined;
    if (error.code === 'conflict' && details?.reason === 'illegal_transition')
      return t('assignments.errors.illegal');
  }
  return errorMessage(t, error);
}

/** Whether an assignment may still be worked on, moved or skipped. */
export const isOpen = (a: Pick<TAssignment, 'status'>) => a.status === 'pending' || a.status === 'unassigned';

/** The queue filter of both assignment pages: any queue by name or code, cleared for all. */
export function QueueFilter({
  queues,
  value,
  onChange,
  testId,
}: {
  queues: TQueue[];
  value: number | undefined;
  onChange: (queueId: number | undefined) => void;
  testId: string;
}) {
  const { t } = useTranslation();
  return (
    <Select<number | undefined>
      allowClear
      showSearch={{ optionFilterProp: 'label' }}
      placeholder={t('assignments.filters.queue')}
      value={value}
      onChange={onChange}
      options={queues.map((q) => ({ value: q.id, label: `${q.name} (${q.code})` }))}
      style={{ width: 200 }}
      data-testid={testId}
    />
  );
}
