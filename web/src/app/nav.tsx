import {
  ApartmentOutlined,
  AuditOutlined,
  HomeOutlined,
  KeyOutlined,
  TeamOutlined,
  UserOutlined,
} from '@ant-design/icons';
import type { MenuProps } from 'antd';
import type { TFunction } from 'i18next';
import type { TMe } from '../../../shared/schemas/session.ts';
import { buildEvaluationNav } from './nav-evaluations.tsx';
import { buildQualityNav } from './nav-quality.tsx';
import { buildSamplingNav } from './area-sampling.tsx';
import { buildAssignmentsNav } from './area-assignments.tsx';
import { buildComplianceNav } from './area-compliance.tsx';
import { buildReportsNav } from './area-reports.tsx';
import { PAGE_ABILITIES, PATHS } from './router-paths.ts';

type Item = Required<MenuProps>['items'][number];

const can = (me: TMe, abilities: readonly string[]) => abilities.some((a) => me.abilities[a] === true);

/** The side menu: only the entries the server's abilities open for this user. */
export function buildNav(me: TMe, t: TFunction): Item[] {
  const people: Item[] = [];
  if (can(me, PAGE_ABILITIES.users))
    people.push({ key: PATHS.users, icon: <UserOutlined />, label: t('nav.users') });
  if (can(me, PAGE_ABILITIES.teams))
    people.push({ key: PATHS.teams, icon: <TeamOutlined />, label: t('nav.teams') });
  if (can(me, PAGE_ABILITIES.queues))
    people.push({ key: PATHS.queues, icon: <ApartmentOutlined />, label: t('nav.queues') });

  const quality = [...buildQualityNav(me, t), ...buildEvaluationNav(me, t)];

  const sampling = [...buildAssignmentsNav(me, t), ...buildSamplingNav(me, t), ...buildComplianceNav(me, t)];
  const reports = buildReportsNav(me, t);

  const system: Item[] = [];
  if (can(me, PAGE_ABILITIES.tokens))
    system.push({ key: PATHS.tokens, icon: <KeyOutlined />, label: t('nav.tokens') });
  if (can(me, PAGE_ABILITIES.audit))
    system.push({ key: PATHS.audit, icon: <AuditOutlined />, label: t('nav.audit') });

  const items: Item[] = [{ key: PATHS.home, icon: <HomeOutlined />, label: t('nav.home') }];
  if (people.length > 0)
    items.push({ type: 'group', key: 'people', label: t('nav.people'), children: people });
  if (quality.length > 0)
    items.push({ type: 'group', key: 'quality', label: t('quality.nav.group'), children: quality });
  if (sampling.length > 0)
    items.push({ type: 'group', key: 'sampling', label: t('nav.sampling'), children: sampling });
  if (reports.length > 0)
    items.push({ type: 'group', key: 'reports', label: t('nav.reports'), children: reports });
  if (system.length > 0)
    items.push({ type: 'group', key: 'system', label: t('nav.system'), children: system });
  return items;
}
