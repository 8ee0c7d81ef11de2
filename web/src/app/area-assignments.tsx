import type { MenuProps } from 'antd';
import type { TFunction } from 'i18next';
import type { RouteObject } from 'react-router';
import type { TMe } from '../../../shared/schemas/session.ts';

type Item = Required<MenuProps>['items'][number];

/** The inspector's work queue: client routes (each page its own chunk, see lazy-page.tsx). */
export const assignmentsRoutes: RouteObject[] = [];

/** The inspector's work queue: side-menu entries this user's abilities open. */
export function buildAssignmentsNav(_me: TMe, _t: TFunction): Item[] {
  return [];
}
