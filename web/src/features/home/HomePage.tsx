import { Card, Space, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ROLES, type Role } from '../../../../shared/roles.ts';
import { useMe } from '../../app/session.tsx';
import { EVALUATION_HOME_SECTIONS } from '../evaluations/HomeSections.tsx';
import { AssignmentsHomeCard } from '../assignments/AssignmentsHomeCard.tsx';
import { HomeQualityLink } from '../reports/HomeQualityLink.tsx';
import { AdminOverview } from './AdminOverview.tsx';
import { CoachHome } from './CoachHome.tsx';
import { KnowledgeHome } from './KnowledgeHome.tsx';
import { ManagerHome } from './ManagerHome.tsx';
import { ProbationList } from './ProbationList.tsx';
import { TrainerHome } from './TrainerHome.tsx';

/** Roles whose section shows the people and organisation figures. */
const WITH_OVERVIEW: ReadonlySet<Role> = new Set(['admin', 'hr']);

/** Home-page content of the roles whose work is not in the evaluations area. */
const HOME_SECTIONS: Partial<Record<Role, () => ReactNode>> = {
  coach: CoachHome,
  kb_editor: KnowledgeHome,
  trainer: TrainerHome,
  manager: ManagerHome,
};

function RoleSection({ role }: { role: Role }) {
  const { t } = useTranslation();
  const Section = EVALUATION_HOME_SECTIONS[role] ?? HOME_SECTIONS[role];
  return (
    <Card
      data-testid={`home-section-${role}`}
      title={
        <Space wrap>
          {t(`home.sections.${role}.title`)}
          <Tag>{t(`roles.${role}`)}</Tag>
        </Space>
      }
    >
      {Section ? (
        <>
          <Section />
          {role === 'agent' && <HomeQualityLink />}
        </>
      ) : (
        <>
          <Typography.Paragraph type="secondary">{t(`home.sections.${role}.empty`)}</Typography.Paragraph>
          {role === 'hr' && <ProbationList />}
          {WITH_OVERVIEW.has(role) && <AdminOverview />}
        </>
      )}
    </Card>
  );
}

/** One section per role the user holds (a user may hold several). */
export function HomePage() {
  const me = useMe();
  const { t } = useTranslation();
  const roles = ROLES.filter((r) => me.roles.includes(r));
  // admin and hr show the same figures; show them once, in the first of the two.
  const overviewRole = roles.find((r) => WITH_OVERVIEW.has(r));
  return (
    <>
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        {t('home.greeting', { name: me.display_name })}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('home.intro')}</Typography.Paragraph>
      <Space orientation="vertical" size={16} style={{ width: '100%' }}>
        <AssignmentsHomeCard />
        {roles.map((role) =>
          WITH_OVERVIEW.has(role) && role !== overviewRole ? (
            <Card key={role} title={t(`home.sections.${role}.title`)}>
              <Typography.Text type="secondary">{t(`home.sections.${role}.empty`)}</Typography.Text>
            </Card>
          ) : (
            <RoleSection key={role} role={role} />
          ),
        )}
      </Space>
    </>
  );
}
