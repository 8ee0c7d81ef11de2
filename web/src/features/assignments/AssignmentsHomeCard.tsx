import { Button, Card, Flex, List, Space, Statistic, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { TAssignment } from '../../../../shared/schemas/assignments.ts';
import { useMe } from '../../app/session.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useLoad } from '../../hooks/useLoad.ts';
import { api, type Page } from '../../lib/api.ts';
import { formatDateTime } from '../../lib/time.ts';
import { evaluatePath, fetchSummary } from './api.ts';
import { DueCell } from './parts.tsx';
import { ASSIGNMENTS_PATHS, assignmentPages } from './paths.ts';

/** On an inspector's home page: their queue's counts and the next few contacts to check. */
export function AssignmentsHomeCard() {
  const me = useMe();
  if (!assignmentPages(me).queue) return null;
  return <QueueCard />;
}

function QueueCard() {
  const { t } = useTranslation();
  const data = useLoad(
    () =>
      Promise.all([
        fetchSummary(true),
        api.get<Page<TAssignment>>('/assignments', { mine: true, status: 'pending', limit: 3 }),
      ]),
    [],
  );
  const [summary, next] = data.data ?? [];
  return (
    <Card
      title={t('assignments.home.title')}
      extra={
        <Link to={ASSIGNMENTS_PATHS.queue}>
          <Button type="link" size="small">
            {t('assignments.home.open')}
          </Button>
        </Link>
      }
      data-testid="home-work-queue"
    >
      <ErrorAlert error={data.error} onRetry={data.reload} />
      <Flex gap={32} wrap style={{ marginBottom: 12 }}>
        <Statistic
          title={t('assignments.summary.pending')}
          value={summary?.pending ?? '—'}
          loading={data.loading}
        />
        <Statistic
          title={t('assignments.summary.dueToday')}
          value={summary?.due_today ?? '—'}
          loading={data.loading}
          styles={{ content: { color: (summary?.due_today ?? 0) > 0 ? '#d46b08' : undefined } }}
        />
        <Statistic
          title={t('assignments.summary.overdue')}
          value={summary?.overdue ?? '—'}
          loading={data.loading}
          styles={{ content: { color: (summary?.overdue ?? 0) > 0 ? '#cf1322' : undefined } }}
        />
        <Statistic
          title={t('assignments.summary.doneToday')}
          value={summary?.done_today ?? '—'}
          loading={data.loading}
        />
      </Flex>
      <List
        size="small"
        dataSource={next?.items ?? []}
        locale={{ emptyText: t('assignments.home.nothing') }}
        renderItem={(a) => (
          <List.Item
            actions={[
              <Link key="go" to={evaluatePath(a)}>
                {a.draft_evaluation_id
                  ? t('assignments.actions.continueDraft')
                  : t('assignments.actions.evaluate')}
              </Link>,
            ]}
          >
            <Space wrap>
              <DueCell row={a} today={summary?.today} />
              <span>{a.agent_name}</span>
              <Typography.Text type="secondary">{formatDateTime(a.started_at)}</Typography.Text>
            </Space>
          </List.Item>
        )}
      />
    </Card>
  );
}
