import { List, Skeleton, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useMe } from '../../app/session.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useLoad } from '../../hooks/useLoad.ts';
import { fetchMonthly } from '../reports/api.ts';
import { CiText } from '../reports/parts.tsx';
import { REPORT_ABILITIES, REPORT_PATHS } from '../reports/paths.ts';
import { centerSpans, fetchCategories, fetchFailedItems } from './api.ts';
import { FailedItemsList } from './FailedItemsList.tsx';
import { HomeBlock, HomeLinks } from './parts.tsx';

/**
 * The trainer's month (clause 4.8, B17–B19): the concentrated problems — items failed by many CSRs —
 * with how they moved against the days before (the effect of training shows there), and the CSRs
 * with fatal errors, who need attention first.
 */
export function TrainerHome() {
  const { t } = useTranslation();
  const me = useMe();
  const { month } = centerSpans();
  const monthKey = month.from.slice(0, 7);
  const items = useLoad(
    () => Promise.all([fetchFailedItems({ ...month, limit: 8 }), fetchCategories()]),
    [month.from],
  );
  const report = useLoad(() => fetchMonthly(monthKey), [monthKey]);
  const fatal = (report.data?.agents ?? [])
    .filter((a) => a.fatal_count > 0)
    .sort((a, b) => b.fatal_count - a.fatal_count || (a.average_score ?? 0) - (b.average_score ?? 0));
  const quality = me.abilities[REPORT_ABILITIES.quality[0]] === true;

  return (
    <>
      <HomeBlock title={t('home.trainer.problems', { month: monthKey })} testId="home-trainer-problems">
        <Typography.Paragraph type="secondary" style={{ marginBottom: 4 }}>
          {t('home.trainer.problemsHelp')}
        </Typography.Paragraph>
        <ErrorAlert error={items.error} onRetry={items.reload} />
        {items.loading && !items.data ? (
          <Skeleton active />
        ) : (
          items.data && (
            <FailedItemsList
              items={items.data[0].items}
              categories={items.data[1]}
              testId="home-trainer-items"
            />
          )
        )}
      </HomeBlock>
      <HomeBlock title={t('home.trainer.fatal', { count: fatal.length })} testId="home-trainer-fatal">
        <ErrorAlert error={report.error} onRetry={report.reload} />
        <List
          size="small"
          loading={report.loading}
          dataSource={fatal.slice(0, 10)}
          locale={{ emptyText: t('home.trainer.noFatal') }}
          renderItem={(a) => (
            <List.Item>
              <Space wrap>
                {quality ? (
                  <Link to={`${REPORT_PATHS.quality}?agent=${a.agent_id}`}>{a.display_name}</Link>
                ) : (
                  <Typography.Text>{a.display_name}</Typography.Text>
                )}
                {a.team_name && <Typography.Text type="secondary">{a.team_name}</Typography.Text>}
                <Tag color="error">{t('home.trainer.fatalCount', { count: a.fatal_count })}</Tag>
                <Typography.Text type="secondary">{t('home.trainer.average')}</Typography.Text>
                <CiText
                  average={a.average_score}
                  low={a.ci_low}
                  high={a.ci_high}
                  evaluations={a.evaluations}
                />
              </Space>
            </List.Item>
          )}
        />
      </HomeBlock>
      <HomeLinks
        links={[
          {
            to: `${REPORT_PATHS.monthly}?month=${monthKey}`,
            label: t('home.links.monthly'),
            show: me.abilities['reports.read'] === true,
          },
          { to: REPORT_PATHS.quality, label: t('home.links.agentQuality'), show: quality },
        ]}
      />
    </>
  );
}
