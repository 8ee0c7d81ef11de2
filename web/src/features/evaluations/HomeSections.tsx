import { Badge, Button, Flex, List, Space, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { TDispute, TEvaluation } from '../../../../shared/schemas/evaluation.ts';
import type { Role } from '../../../../shared/roles.ts';
import { useMe } from '../../app/session.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { useLoad } from '../../hooks/useLoad.ts';
import { api, type Page, type Query } from '../../lib/api.ts';
import { formatDate } from '../../lib/time.ts';
import { evaluationListLink } from './evaluationFilters.ts';
import { draftsOf, HOME_EVALUATION_CARDS as CARDS } from './homeCards.ts';
import { EvaluationStatusTag, ScoreText } from './parts.tsx';
import { disputesLink } from '../disputes/disputeFilters.ts';

const latest = <T,>(path: string, query: Query) => api.get<Page<T>>(path, { ...query, limit: 5 });

function Block({
  title,
  total,
  more,
  children,
  testId,
}: {
  title: string;
  total: number;
  more: string;
  children: ReactNode;
  testId: string;
}) {
  const { t } = useTranslation();
  return (
    <div data-testid={testId} style={{ marginBottom: 12 }}>
      <Flex justify="space-between" align="center">
        <Space>
          <Typography.Text strong>{title}</Typography.Text>
          <Badge count={total} showZero color={total > 0 ? '#faad14' : '#d9d9d9'} />
        </Space>
        <Link to={more}>
          <Button type="link" size="small">
            {t('evaluations.home.all')}
          </Button>
        </Link>
      </Flex>
      {children}
    </div>
  );
}

function EvaluationRows({ items, empty }: { items: TEvaluation[]; empty: string }) {
  return (
    <List
      size="small"
      dataSource={items}
      locale={{ emptyText: empty }}
      renderItem={(e) => (
        <List.Item>
          <Space wrap>
            <Link to={`/evaluations/${e.id}`}>#{e.id}</Link>
            <Typography.Text type="secondary">{formatDate(e.local_date)}</Typography.Text>
            <span>{e.agent_name}</span>
            <ScoreText score={e.score} fatal={e.fatal} passed={e.passed} status={e.status} />
            <EvaluationStatusTag status={e.status} overdue={e.overdue} />
          </Space>
        </List.Item>
      )}
    />
  );
}

function DisputeRows({ items, empty }: { items: TDispute[]; empty: string }) {
  return (
    <List
      size="small"
      dataSource={items}
      locale={{ emptyText: empty }}
      renderItem={(d) => (
        <List.Item>
          <Space wrap>
            <Link to={`/evaluations/${d.evaluation_id}`}>#{d.evaluation_id}</Link>
            <span>{d.agent_name}</span>
            <Typography.Text type="secondary" ellipsis style={{ maxWidth: 320 }}>
              {d.reason}
            </Typography.Text>
          </Space>
        </List.Item>
      )}
    />
  );
}

function AgentHome() {
  const { t } = useTranslation();
  const data = useLoad(
    () =>
      Promise.all([
        latest<TEvaluation>('/evaluations', { mine: true, ...CARDS.toConfirm }),
        latest<TEvaluation>('/evaluations', { mine: true }),
      ]),
    [],
  );
  if (data.error) return <ErrorAlert error={data.error} onRetry={data.reload} />;
  const [toConfirm, recent] = data.data ?? [];
  return (
    <>
      <Block
        title={t('evaluations.home.toConfirm')}
        total={toConfirm?.total ?? 0}
        more={evaluationListLink(CARDS.toConfirm, '/my-evaluations')}
        testId="home-to-confirm"
      >
        <EvaluationRows items={toConfirm?.items ?? []} empty={t('evaluations.home.nothingToConfirm')} />
      </Block>
      <Block
        title={t('evaluations.home.recent')}
        total={recent?.total ?? 0}
        more="/my-evaluations"
        testId="home-my-evaluations"
      >
        <EvaluationRows items={recent?.items ?? []} empty={t('evaluations.home.noEvaluations')} />
      </Block>
    </>
  );
}

function TeamLeaderHome() {
  const { t } = useTranslation();
  const data = useLoad(
    () =>
      Promise.all([
        latest<TEvaluation>('/evaluations', CARDS.toCountersign),
        latest<TDispute>('/disputes', { status: 'team_leader' }),
        latest<TEvaluation>('/evaluations', CARDS.overdue),
      ]),
    [],
  );
  if (data.error) return <ErrorAlert error={data.error} onRetry={data.reload} />;
  const [sign, disputes, overdue] = data.data ?? [];
  return (
    <>
      <Block
        title={t('evaluations.home.toCountersign')}
        total={sign?.total ?? 0}
        more={evaluationListLink(CARDS.toCountersign)}
        testId="home-to-countersign"
      >
        <EvaluationRows items={sign?.items ?? []} empty={t('evaluations.home.nothing')} />
      </Block>
      <Block
        title={t('evaluations.home.disputesToDecide')}
        total={disputes?.total ?? 0}
        more={disputesLink({ show: 'open', status: 'team_leader' })}
        testId="home-disputes"
      >
        <DisputeRows items={disputes?.items ?? []} empty={t('evaluations.home.nothing')} />
      </Block>
      <Block
        title={t('evaluations.home.overdue')}
        total={overdue?.total ?? 0}
        more={evaluationListLink(CARDS.overdue)}
        testId="home-overdue"
      >
        <EvaluationRows items={overdue?.items ?? []} empty={t('evaluations.home.nothing')} />
      </Block>
    </>
  );
}

function QaHome() {
  const { t } = useTranslation();
  const me = useMe();
  const data = useLoad(() => latest<TEvaluation>('/evaluations', draftsOf(me.id)), [me.id]);
  if (data.error) return <ErrorAlert error={data.error} onRetry={data.reload} />;
  return (
    <>
      <Block
        title={t('evaluations.home.drafts')}
        total={data.data?.total ?? 0}
        more={evaluationListLink(draftsOf(me.id))}
        testId="home-drafts"
      >
        <EvaluationRows items={data.data?.items ?? []} empty={t('evaluations.home.noDrafts')} />
      </Block>
      <Link to="/evaluate">
        <Button type="primary">{t('evaluations.list.new')}</Button>
      </Link>
    </>
  );
}

function QaLeadHome() {
  const { t } = useTranslation();
  const data = useLoad(() => latest<TDispute>('/disputes', { status: 'qa_review' }), []);
  if (data.error) return <ErrorAlert error={data.error} onRetry={data.reload} />;
  return (
    <>
      <Block
        title={t('evaluations.home.reviews')}
        total={data.data?.total ?? 0}
        more={disputesLink({ show: 'open', status: 'qa_review' })}
        testId="home-reviews"
      >
        <DisputeRows items={data.data?.items ?? []} empty={t('evaluations.home.nothing')} />
      </Block>
      <Space>
        <Link to="/reports/inspector-accuracy">
          <Tag color="purple">{t('evaluations.nav.accuracy')}</Tag>
        </Link>
      </Space>
    </>
  );
}

/** Home-page content per role from the evaluations area (replaces the "coming soon" text). */
export const EVALUATION_HOME_SECTIONS: Partial<Record<Role, () => ReactNode>> = {
  agent: AgentHome,
  team_leader: TeamLeaderHome,
  qa: QaHome,
  qa_lead: QaLeadHome,
};
