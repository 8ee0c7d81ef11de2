import { ApartmentOutlined, TeamOutlined, UserOutlined } from '@ant-design/icons';
import { Button, Card, Col, Flex, Row, Statistic } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PAGE_ABILITIES, PATHS } from '../../app/router-paths.ts';
import { useMe } from '../../app/session.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useLoad } from '../../hooks/useLoad.ts';
import { fetchOrgCounts } from './api.ts';

/** For admin and HR: real counts and links to the pages they manage. */
export function AdminOverview() {
  const { t } = useTranslation();
  const me = useMe();
  const counts = useLoad(fetchOrgCounts, []);
  const can = (abilities: readonly string[]) => abilities.some((a) => me.abilities[a]);

  const links = [
    { show: can(PAGE_ABILITIES.users), to: PATHS.users, label: t('home.links.users') },
    {
      show: me.abilities['users.import'] === true,
      to: `${PATHS.users}?import=1`,
      label: t('home.links.import'),
    },
    { show: can(PAGE_ABILITIES.teams), to: PATHS.teams, label: t('home.links.teams') },
    { show: can(PAGE_ABILITIES.queues), to: PATHS.queues, label: t('home.links.queues') },
    { show: can(PAGE_ABILITIES.tokens), to: PATHS.tokens, label: t('home.links.tokens') },
    { show: can(PAGE_ABILITIES.audit), to: PATHS.audit, label: t('home.links.audit') },
  ].filter((l) => l.show);

  const stats = [
    {
      key: 'users',
      title: t('home.stats.activeUsers'),
      value: counts.data?.activeUsers,
      icon: <UserOutlined />,
    },
    { key: 'teams', title: t('home.stats.teams'), value: counts.data?.activeTeams, icon: <TeamOutlined /> },
    {
      key: 'queues',
      title: t('home.stats.queues'),
      value: counts.data?.activeQueues,
      icon: <ApartmentOutlined />,
    },
  ];

  return (
    <>
      <ErrorAlert error={counts.error} onRetry={counts.reload} />
      <Row gutter={[16, 16]}>
        {stats.map((s) => (
          <Col key={s.key} xs={24} sm={8}>
            <Card size="small" data-testid={`stat-${s.key}`}>
              <Statistic title={s.title} value={s.value ?? 0} loading={counts.loading} prefix={s.icon} />
            </Card>
          </Col>
        ))}
      </Row>
      <Flex gap={8} wrap style={{ marginTop: 16 }}>
        {links.map((l) => (
          <Link key={l.to} to={l.to}>
            <Button>{l.label}</Button>
          </Link>
        ))}
      </Flex>
    </>
  );
}
