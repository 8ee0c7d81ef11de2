import type { MenuProps } from 'antd';
import type { TFunction } from 'i18next';
import type { RouteObject } from 'react-router';
import type { TMe } from '../../../shared/schemas/session.ts';

type Item = Required<MenuProps>['items'][number];

/** The compliance board and the monthly targeted plan: client routes (each page its own chunk, see lazy-page.tsx). */
export const complianceRoutes: RouteObject[] = [];

/** The compliance board and the monthly targeted plan: side-menu entries this user's abilities open. */
export function buildComplianceNav(_me: TMe, _t: TFunction): Item[] {
  return [];
}
