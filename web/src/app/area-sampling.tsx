import { CalendarOutlined, FunnelPlotOutlined, PlayCircleOutlined } from '@ant-design/icons';
import { Result } from 'antd';
import type { MenuProps } from 'antd';
import type { TFunction } from 'i18next';
import { Suspense, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { RouteObject } from 'react-router';
import type { TMe } from '../../../shared/schemas/session.ts';
import { PageSpinner } from '../components/PageSpinner.tsx';
import { SAMPLING_PATHS as P, samplingAccess } from '../features/sampling/access.ts';
import { lazyPage } from './lazy-page.tsx';
import { useMe } from './session.tsx';

type Item = Required<MenuProps>['items'][number];
type Page = 'readPlan' | 'readRoster' | 'readRuns';

const PlanPage = lazyPage(() => import('../features/sampling/PlanPage.tsx'), 'PlanPage');
const PlanDetailPage = lazyPage(() => import('../features/sampling/PlanDetailPage.tsx'), 'PlanDetailPage');
const RosterPage = lazyPage(() => import('../features/sampling/RosterPage.tsx'), 'RosterPage');
const RunsPage = lazyPage(() => import('../features/sampling/RunsPage.tsx'), 'RunsPage');

/** The page for users `samplingAccess` opens it to; the "no access" message otherwise. */
function Guard({ page, children }: { page: Page; children: ReactNode }) {
  const me = useMe();
  const { t } = useTranslation();
  if (!samplingAccess(me)[page]) {
    return (
      <div data-testid="forbidden">
        <Result status="403" title={t('forbidden.title')} subTitle={t('forbidden.subtitle')} />
      </div>
    );
  }
  return <Suspense fallback={<PageSpinner />}>{children}</Suspense>;
}

/** Sampling plans, roster and daily runs: client routes (each page its own chunk, see lazy-page.tsx). */
export const samplingRoutes: RouteObject[] = [
  { path: P.plan, element: <Guard page="readPlan">{<PlanPage />}</Guard> },
  { path: P.planDetail, element: <Guard page="readPlan">{<PlanDetailPage />}</Guard> },
  { path: P.roster, element: <Guard page="readRoster">{<RosterPage />}</Guard> },
  { path: P.runs, element: <Guard page="readRuns">{<RunsPage />}</Guard> },
];

/** Sampling plans, roster and daily runs: side-menu entries this user's abilities open. */
export function buildSamplingNav(me: TMe, t: TFunction): Item[] {
  const access = samplingAccess(me);
  const items: Item[] = [];
  if (access.readPlan)
    items.push({ key: P.plan, icon: <FunnelPlotOutlined />, label: t('sampling.nav.plan') });
  if (access.readRuns)
    items.push({ key: P.runs, icon: <PlayCircleOutlined />, label: t('sampling.nav.runs') });
  if (access.readRoster)
    items.push({ key: P.roster, icon: <CalendarOutlined />, label: t('sampling.nav.roster') });
  return items;
}
