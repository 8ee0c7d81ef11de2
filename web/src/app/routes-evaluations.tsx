import { lazy, Suspense, type ComponentType, type ReactNode } from 'react';
import type { RouteObject } from 'react-router';
import { PageSpinner } from '../components/PageSpinner.tsx';
import { RequireAbility } from '../components/RequireAbility.tsx';
import { EVALUATION_PAGE_ABILITIES as ABILITIES, EVALUATION_PATHS as P } from './router-paths-evaluations.ts';

function lazyPage<K extends string>(load: () => Promise<Record<K, ComponentType>>, name: K): ComponentType {
  return lazy(async (): Promise<{ default: ComponentType }> => ({ default: (await load())[name] }));
}

const EvaluatePage = lazyPage(() => import('../features/evaluations/EvaluatePage.tsx'), 'EvaluatePage');
const EvaluationsPage = lazyPage(
  () => import('../features/evaluations/EvaluationsPage.tsx'),
  'EvaluationsPage',
);
const MyEvaluationsPage = lazyPage(
  () => import('../features/evaluations/EvaluationsPage.tsx'),
  'MyEvaluationsPage',
);
const EvaluationDetailPage = lazyPage(
  () => import('../features/evaluations/EvaluationDetailPage.tsx'),
  'EvaluationDetailPage',
);
const DisputesPage = lazyPage(() => import('../features/disputes/DisputesPage.tsx'), 'DisputesPage');
const AccuracyPage = lazyPage(() => import('../features/accuracy/AccuracyPage.tsx'), 'AccuracyPage');
const TestCallsPage = lazyPage(() => import('../features/test-calls/TestCallsPage.tsx'), 'TestCallsPage');

const guarded = (abilities: readonly string[], node: ReactNode) => (
  <RequireAbility any={abilities}>
    <Suspense fallback={<PageSpinner />}>{node}</Suspense>
  </RequireAbility>
);

/** Evaluation, dispute, accuracy and test-call pages, each its own lazily loaded chunk. */
export const evaluationRoutes: RouteObject[] = [
  { path: P.evaluate, element: guarded(ABILITIES.evaluate, <EvaluatePage />) },
  { path: P.evaluations, element: guarded(ABILITIES.evaluations, <EvaluationsPage />) },
  { path: P.myEvaluations, element: guarded(ABILITIES.evaluations, <MyEvaluationsPage />) },
  { path: P.evaluation, element: guarded(ABILITIES.evaluations, <EvaluationDetailPage />) },
  { path: P.disputes, element: guarded(ABILITIES.disputes, <DisputesPage />) },
  { path: P.accuracy, element: guarded(ABILITIES.accuracy, <AccuracyPage />) },
  { path: P.testCalls, element: guarded(ABILITIES.testCalls, <TestCallsPage />) },
];
