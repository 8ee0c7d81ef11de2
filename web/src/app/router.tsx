import { lazy, Suspense, type ComponentType, type ReactNode } from 'react';
import { createBrowserRouter } from 'react-router';
import { PageSpinner } from '../components/PageSpinner.tsx';
import { RequireAbility } from '../components/RequireAbility.tsx';
import { AppLayout } from './AppLayout.tsx';
import { RequireSignIn } from './RequireSignIn.tsx';
import { PAGE_ABILITIES, PATHS } from './router-paths.ts';
import { RouteError } from './RouteError.tsx';
import { evaluationRoutes } from './routes-evaluations.tsx';
import { samplingRoutes } from './area-sampling.tsx';
import { assignmentsRoutes } from './area-assignments.tsx';
import { complianceRoutes } from './area-compliance.tsx';
import { reportsRoutes } from './area-reports.tsx';

/** Each page is its own chunk, loaded when first visited. */
function lazyPage<K extends string>(load: () => Promise<Record<K, ComponentType>>, name: K): ComponentType {
  return lazy(async (): Promise<{ default: ComponentType }> => ({ default: (await load())[name] }));
}

const SignInPage = lazyPage(() => import('../features/auth/SignInPage.tsx'), 'SignInPage');
const ChangePasswordPage = lazyPage(
  () => import('../features/auth/ChangePasswordPage.tsx'),
  'ChangePasswordPage',
);
const HomePage = lazyPage(() => import('../features/home/HomePage.tsx'), 'HomePage');
const UsersPage = lazyPage(() => import('../features/users/UsersPage.tsx'), 'UsersPage');
const TeamsPage = lazyPage(() => import('../features/teams/TeamsPage.tsx'), 'TeamsPage');
const QueuesPage = lazyPage(() => import('../features/queues/QueuesPage.tsx'), 'QueuesPage');
const TokensPage = lazyPage(() => import('../features/tokens/TokensPage.tsx'), 'TokensPage');
const AuditPage = lazyPage(() => import('../features/audit/AuditPage.tsx'), 'AuditPage');
const InteractionsPage = lazyPage(
  () => import('../features/interactions/InteractionsPage.tsx'),
  'InteractionsPage',
);
const InteractionDetailPage = lazyPage(
  () => import('../features/interactions/InteractionDetailPage.tsx'),
  'InteractionDetailPage',
);
const ImportsPage = lazyPage(() => import('../features/imports/ImportsPage.tsx'), 'ImportsPage');
const ScorecardsPage = lazyPage(() => import('../features/scorecards/ScorecardsPage.tsx'), 'ScorecardsPage');
const ScorecardPage = lazyPage(() => import('../features/scorecards/ScorecardPage.tsx'), 'ScorecardPage');
const ScorecardBuilderPage = lazyPage(
  () => import('../features/scorecards/ScorecardBuilderPage.tsx'),
  'ScorecardBuilderPage',
);
const CategoriesPage = lazyPage(() => import('../features/scorecards/CategoriesPage.tsx'), 'CategoriesPage');
const NotFoundPage = lazyPage(() => import('./NotFoundPage.tsx'), 'NotFoundPage');

const page = (node: ReactNode) => <Suspense fallback={<PageSpinner />}>{node}</Suspense>;

export const router = createBrowserRouter([
  { path: PATHS.signIn, element: page(<SignInPage />), errorElement: <RouteError /> },
  {
    path: '/',
    element: (
      <RequireSignIn>
        <AppLayout />
      </RequireSignIn>
    ),
    errorElement: <RouteError />,
    children: [
      { index: true, element: page(<HomePage />) },
      { path: PATHS.password, element: page(<ChangePasswordPage />) },
      {
        path: PATHS.users,
        element: <RequireAbility any={PAGE_ABILITIES.users}>{page(<UsersPage />)}</RequireAbility>,
      },
      {
        path: PATHS.teams,
        element: <RequireAbility any={PAGE_ABILITIES.teams}>{page(<TeamsPage />)}</RequireAbility>,
      },
      {
        path: PATHS.queues,
        element: <RequireAbility any={PAGE_ABILITIES.queues}>{page(<QueuesPage />)}</RequireAbility>,
      },
      {
        path: PATHS.tokens,
        element: <RequireAbility any={PAGE_ABILITIES.tokens}>{page(<TokensPage />)}</RequireAbility>,
      },
      {
        path: PATHS.audit,
        element: <RequireAbility any={PAGE_ABILITIES.audit}>{page(<AuditPage />)}</RequireAbility>,
      },
      {
        path: PATHS.interactions,
        element: (
          <RequireAbility any={PAGE_ABILITIES.interactions}>{page(<InteractionsPage />)}</RequireAbility>
        ),
      },
      {
        path: PATHS.interaction,
        element: (
          <RequireAbility any={PAGE_ABILITIES.interactions}>{page(<InteractionDetailPage />)}</RequireAbility>
        ),
      },
      {
        path: PATHS.imports,
        element: <RequireAbility any={PAGE_ABILITIES.imports}>{page(<ImportsPage />)}</RequireAbility>,
      },
      {
        path: PATHS.scorecards,
        element: <RequireAbility any={PAGE_ABILITIES.scorecards}>{page(<ScorecardsPage />)}</RequireAbility>,
      },
      {
        path: PATHS.categories,
        element: <RequireAbility any={PAGE_ABILITIES.categories}>{page(<CategoriesPage />)}</RequireAbility>,
      },
      {
        path: PATHS.scorecardNew,
        element: (
          <RequireAbility any={PAGE_ABILITIES.scorecardEdit}>{page(<ScorecardBuilderPage />)}</RequireAbility>
        ),
      },
      {
        path: PATHS.scorecard,
        element: <RequireAbility any={PAGE_ABILITIES.scorecards}>{page(<ScorecardPage />)}</RequireAbility>,
      },
      {
        path: PATHS.scorecardEdit,
        element: (
          <RequireAbility any={PAGE_ABILITIES.scorecardEdit}>{page(<ScorecardBuilderPage />)}</RequireAbility>
        ),
      },
      ...evaluationRoutes,
      ...samplingRoutes,
      ...assignmentsRoutes,
      ...complianceRoutes,
      ...reportsRoutes,
      { path: '*', element: page(<NotFoundPage />) },
    ],
  },
]);
