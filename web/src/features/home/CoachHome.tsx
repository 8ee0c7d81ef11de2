import { List, Skeleton, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { TEvaluation } from '../../../../shared/schemas/evaluation.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useLoad } from '../../hooks/useLoad.ts';
import { api, type Page } from '../../lib/api.ts';
import { formatDate } from '../../lib/time.ts';
import { evaluationListLink } from '../evaluations/evaluationFilters.ts';
import { notPassedIn } from '../evaluations/homeCards.ts';
import { ScoreText } from '../evaluations/parts.tsx';
import { centerSpans, fetchCategories, fetchFailedItems } from './api.ts';
import { FailedItemsList } from './FailedItemsList.tsx';
import { HomeBlock } from './parts.tsx';

/**
 * The on-site coach's floor (B1): this week's checks that did not pass — who, what the inspector
 * wrote — and the items failed most this week, so the coach knows whom to sit with and on what.
 */
export function CoachHome() {
  const { t } = useTranslation();
  const { week } = centerSpans();
  const weak = useLoad(
    () =>
      api.get<Page<TEvaluation>>('/evaluations', {
        ...notPassedIn(week),
        sort: 'local_date',
        order: 'desc',
        limit: 8,
      }),
    [week.from],
  );
  const items = useLoad(
    () => Promise.all([fetchFailedItems({ ...week, limit: 5 }), fetchCategories()]),
    [week.from],
  );
  return (
    <>
      <HomeBlock
        title={t('home.coach.weak', { count: weak.data?.total ?? 0 })}
        more={evaluationListLink(notPassedIn(week))}
        testId="home-coach-weak"
      >
        <ErrorAlert error={weak.error} onRetry={weak.reload} />
        <List
          size="small"
          loading={weak.loading}
          dataSource={weak.data?.items ?? []}
          locale={{ emptyText: t('home.coach.noWeak') }}
          renderItem={(e) => (
            <List.Item style={{ display: 'block' }}>
              <Space wrap>
                <Link to={`/evaluations/${e.id}`}>#{e.id}</Link>
                <Typography.Text type="secondary">{formatDate(e.local_date)}</Typography.Text>
                <Typography.Text strong>{e.agent_name}</Typography.Text>
                <ScoreText score={e.score} fatal={e.fatal} passed={e.passed} />
                <Typography.Text type="secondary">{t(`evaluations.method.${e.method}`)}</Typography.Text>
              </Space>
              {e.negatives && (
                <Typography.Paragraph type="secondary" ellipsis={{ rows: 1 }} style={{ margin: '2px 0 0' }}>
                  {e.negatives}
                </Typography.Paragraph>
              )}
            </List.Item>
          )}
        />
      </HomeBlock>
      <HomeBlock title={t('home.coach.items')} testId="home-coach-items">
        <ErrorAlert error={items.error} onRetry={items.reload} />
        {items.loading && !items.data ? (
          <Skeleton active />
        ) : (
          items.data && (
            <FailedItemsList
              items={items.data[0].items}
              categories={items.data[1]}
              testId="home-coach-list"
            />
          )
        )}
      </HomeBlock>
    </>
  );
}
