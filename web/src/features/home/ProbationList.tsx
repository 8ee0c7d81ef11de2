import { List, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { TUser } from '../../../../shared/schemas/user.ts';
import { useMe } from '../../app/session.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useLoad } from '../../hooks/useLoad.ts';
import { api, type Page } from '../../lib/api.ts';
import { dayjs, formatDate } from '../../lib/time.ts';
import { REPORT_PATHS } from '../reports/paths.ts';
import { centerSpans } from './api.ts';
import { HomeBlock } from './parts.tsx';

/** The standard probation (SPEC §2): three months from the reporting date. */
const PROBATION_MONTHS = 3;

/**
 * CSRs still within their first three months (hire date), with the day their probation is due to
 * end, soonest first, and the way to their quality results for the conversion review.
 */
export function ProbationList() {
  const { t } = useTranslation();
  const me = useMe();
  const { today } = centerSpans();
  const since = dayjs(today).subtract(PROBATION_MONTHS, 'month').format('YYYY-MM-DD');
  const users = useLoad(
    () =>
      api.get<Page<TUser>>('/users', {
        role: 'agent',
        active: true,
        sort: 'hire_date',
        order: 'desc',
        limit: 50,
      }),
    [],
  );
  const recent = (users.data?.items ?? [])
    .filter((u) => u.hire_date !== null && u.hire_date > since)
    .map((u) => ({ ...u, due: dayjs(u.hire_date).add(PROBATION_MONTHS, 'month').format('YYYY-MM-DD') }))
    .sort((a, b) => a.due.localeCompare(b.due));
  const quality = me.abilities['reports.my_quality'] === true;
  return (
    <HomeBlock title={t('home.hr.probation', { count: recent.length })} testId="home-hr-probation">
      <ErrorAlert error={users.error} onRetry={users.reload} />
      <List
        size="small"
        loading={users.loading}
        dataSource={recent}
        locale={{ emptyText: t('home.hr.noProbation') }}
        renderItem={(u) => {
          const days = dayjs(u.due).diff(dayjs(today), 'day');
          return (
            <List.Item>
              <Space wrap>
                {quality ? (
                  <Link to={`${REPORT_PATHS.quality}?agent=${u.id}`}>{u.display_name}</Link>
                ) : (
                  <Typography.Text>{u.display_name}</Typography.Text>
                )}
                {u.team_name && <Typography.Text type="secondary">{u.team_name}</Typography.Text>}
                <Typography.Text type="secondary">
                  {t('home.hr.hired', { date: formatDate(u.hire_date) })}
                </Typography.Text>
                <Tag color={days <= 14 ? 'orange' : 'default'}>
                  {t('home.hr.due', { date: formatDate(u.due), days })}
                </Tag>
              </Space>
            </List.Item>
          );
        }}
      />
    </HomeBlock>
  );
}
