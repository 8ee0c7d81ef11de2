import { DashboardOutlined, ScheduleOutlined } from '@ant-design/icons';
import type { MenuProps } from 'antd';
import type { TFunction } from 'i18next';
import type { RouteObject } from 'react-router';
import type { TMe } from '../../../shared/schemas/session.ts';
import { COMPLIANCE_ABILITIES as A, COMPLIANCE_PATHS as P } from '../features/compliance/paths.ts';
import { guarded, lazyPage } from './lazy-page.tsx';

type Item = Required<MenuProps>['items'][number];

const can = (me: TMe, abilities: readonly string[]) => abilities.some((a) => me.abilities[a] === true);

const ComplianceBoardPage = lazyPage(
  () => import('../features/compliance/ComplianceBoardPage.tsx'),
  'ComplianceBoardPage',
);
const MonthlyPlanPage = lazyPage(
  () => import('../features/compliance/MonthlyPlanPage.tsx'),
  'MonthlyPlanPage',
);

/** The compliance board and the monthly targeted plan: client routes (each page its own chunk, see lazy-page.tsx). */
export const complianceRoutes: RouteObject[] = [
  { path: P.board, element: guarded(A.board, <ComplianceBoardPage />) },
  { path: P.plans, element: guarded(A.plans, <MonthlyPlanPage />) },
];

/** The compliance board and the monthly targeted plan: side-menu entries this user's abilities open. */
export function buildComplianceNav(me: TMe, t: TFunction): Item[] {
  const items: Item[] = [];
  if (can(me, A.board))
    items.push({ key: P.board, icon: <DashboardOutlined />, label: t('compliance.nav.board') });
  if (can(me, A.plans))
    items.push({ key: P.plans, icon: <ScheduleOutlined />, label: t('compliance.nav.plans') });
  return items;
}
