import { ClusterOutlined, UnorderedListOutlined } from '@ant-design/icons';
import { Result } from 'antd';
import type { MenuProps } from 'antd';
import type { TFunction } from 'i18next';
import { Suspense, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { RouteObject } from 'react-router';
import type { TMe } from '../../../shared/schemas/session.ts';
import { PageSpinner } from '../components/PageSpinner.tsx';
import { ASSIGNMENTS_PATHS as P, assignmentPages } from '../features/assignments/paths.ts';
import { lazyPage } from './lazy-page.tsx';
import { useMe } from './session.tsx';

type Item = Required<MenuProps>['items'][number];

const WorkQueuePage = lazyPage(() => import('../features/assignments/WorkQueuePage.tsx'), 'WorkQueuePage');
const AllAssignmentsPage = lazyPage(
  () => import('../features/assignments/AllAssignmentsPage.tsx'),
  'AllAssignmentsPage',
);

/** The page for users `assignmentPages` opens it to; the "no access" message otherwise. */
function Guard({ page, children }: { page: 'queue' | 'all'; children: ReactNode }) {
  const me = useMe();
  const { t } = useTranslation();
  if (!assignmentPages(me)[page]) {
    return (
      <div data-testid="forbidden">
        <Result status="403" title={t('forbidden.title')} subTitle={t('forbidden.subtitle')} />
      </div>
    );
  }
  return <Suspense fallback={<PageSpinner />}>{children}</Suspense>;
}

/** The inspector's work queue: client routes (each page its own chunk, see lazy-page.tsx). */
export const assignmentsRoutes: RouteObject[] = [
  {
    path: P.queue,
    element: (
      <Guard page="queue">
        <WorkQueuePage />
      </Guard>
    ),
  },
  {
    path: P.all,
    element: (
      <Guard page="all">
        <AllAssignmentsPage />
      </Guard>
    ),
  },
];

/** The inspector's work queue: side-menu entries this user's abilities open. */
export function buildAssignmentsNav(me: TMe, t: TFunction): Item[] {
  const pages = assignmentPages(me);
  const items: Item[] = [];
  if (pages.queue)
    items.push({ key: P.queue, icon: <UnorderedListOutlined />, label: t('assignments.nav.queue') });
  if (pages.all) items.push({ key: P.all, icon: <ClusterOutlined />, label: t('assignments.nav.all') });
  return items;
}
