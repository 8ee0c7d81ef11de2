import {
  BarChartOutlined,
  CalendarOutlined,
  FileTextOutlined,
  IdcardOutlined,
  LineChartOutlined,
  ScheduleOutlined,
} from '@ant-design/icons';
import type { MenuProps } from 'antd';
import type { TFunction } from 'i18next';
import type { RouteObject } from 'react-router';
import type { TMe } from '../../../shared/schemas/session.ts';
import { REPORT_ABILITIES as A, REPORT_PATHS as P } from '../features/reports/paths.ts';
import { guarded, lazyPage } from './lazy-page.tsx';

type Item = Required<MenuProps>['items'][number];

const can = (me: TMe, abilities: readonly string[]) => abilities.some((a) => me.abilities[a] === true);

const DailyBulletinPage = lazyPage(
  () => import('../features/reports/DailyBulletinPage.tsx'),
  'DailyBulletinPage',
);
const MonthlyReportPage = lazyPage(
  () => import('../features/reports/PeriodReportPage.tsx'),
  'MonthlyReportPage',
);
const TenDayReportPage = lazyPage(
  () => import('../features/reports/PeriodReportPage.tsx'),
  'TenDayReportPage',
);
const KpiExportPage = lazyPage(() => import('../features/reports/KpiExportPage.tsx'), 'KpiExportPage');
const QaSummaryPage = lazyPage(() => import('../features/reports/QaSummaryPage.tsx'), 'QaSummaryPage');
const MyQualityPage = lazyPage(() => import('../features/reports/MyQualityPage.tsx'), 'MyQualityPage');

/** Reports: client routes (each page its own chunk, see lazy-page.tsx). */
export const reportsRoutes: RouteObject[] = [
  { path: P.daily, element: guarded(A.daily, <DailyBulletinPage />) },
  { path: P.tenDay, element: guarded(A.period, <TenDayReportPage />) },
  { path: P.monthly, element: guarded(A.period, <MonthlyReportPage />) },
  { path: P.kpi, element: guarded(A.kpi, <KpiExportPage />) },
  { path: P.qaSummary, element: guarded(A.qaSummary, <QaSummaryPage />) },
  { path: P.quality, element: guarded(A.quality, <MyQualityPage />) },
];

/** Reports: side-menu entries this user's abilities open. */
export function buildReportsNav(me: TMe, t: TFunction): Item[] {
  const items: Item[] = [];
  if (can(me, A.quality))
    items.push({
      key: P.quality,
      icon: <LineChartOutlined />,
      label: me.roles.includes('agent') ? t('reports.nav.myQuality') : t('reports.nav.agentQuality'),
    });
  if (can(me, A.daily))
    items.push({ key: P.daily, icon: <FileTextOutlined />, label: t('reports.nav.daily') });
  if (can(me, A.period)) {
    items.push({ key: P.tenDay, icon: <CalendarOutlined />, label: t('reports.nav.tenDay') });
    items.push({ key: P.monthly, icon: <BarChartOutlined />, label: t('reports.nav.monthly') });
  }
  if (can(me, A.kpi)) items.push({ key: P.kpi, icon: <IdcardOutlined />, label: t('reports.nav.kpi') });
  if (can(me, A.qaSummary))
    items.push({ key: P.qaSummary, icon: <ScheduleOutlined />, label: t('reports.nav.qaSummary') });
  return items;
}
