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
import { REPORT_PATHS as P, canOpenReport } from '../features/reports/paths.ts';
import { ReportGuard } from '../features/reports/ReportGuard.tsx';
import { lazyPage } from './lazy-page.tsx';

type Item = Required<MenuProps>['items'][number];

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
  {
    path: P.daily,
    element: (
      <ReportGuard page="daily">
        <DailyBulletinPage />
      </ReportGuard>
    ),
  },
  {
    path: P.tenDay,
    element: (
      <ReportGuard page="period">
        <TenDayReportPage />
      </ReportGuard>
    ),
  },
  {
    path: P.monthly,
    element: (
      <ReportGuard page="period">
        <MonthlyReportPage />
      </ReportGuard>
    ),
  },
  {
    path: P.kpi,
    element: (
      <ReportGuard page="kpi">
        <KpiExportPage />
      </ReportGuard>
    ),
  },
  {
    path: P.qaSummary,
    element: (
      <ReportGuard page="qaSummary">
        <QaSummaryPage />
      </ReportGuard>
    ),
  },
  {
    path: P.quality,
    element: (
      <ReportGuard page="quality">
        <MyQualityPage />
      </ReportGuard>
    ),
  },
];

/** Reports: side-menu entries this user may open (GET /me abilities; see features/reports/paths.ts). */
export function buildReportsNav(me: TMe, t: TFunction): Item[] {
  const items: Item[] = [];
  if (canOpenReport(me, 'quality'))
    items.push({
      key: P.quality,
      icon: <LineChartOutlined />,
      label: me.roles.includes('agent') ? t('reports.nav.myQuality') : t('reports.nav.agentQuality'),
    });
  if (canOpenReport(me, 'daily'))
    items.push({ key: P.daily, icon: <FileTextOutlined />, label: t('reports.nav.daily') });
  if (canOpenReport(me, 'period')) {
    items.push({ key: P.tenDay, icon: <CalendarOutlined />, label: t('reports.nav.tenDay') });
    items.push({ key: P.monthly, icon: <BarChartOutlined />, label: t('reports.nav.monthly') });
  }
  if (canOpenReport(me, 'kpi'))
    items.push({ key: P.kpi, icon: <IdcardOutlined />, label: t('reports.nav.kpi') });
  if (canOpenReport(me, 'qaSummary'))
    items.push({ key: P.qaSummary, icon: <ScheduleOutlined />, label: t('reports.nav.qaSummary') });
  return items;
}
