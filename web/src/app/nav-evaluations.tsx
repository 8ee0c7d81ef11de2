import {
  AimOutlined,
  EditOutlined,
  FileDoneOutlined,
  PhoneOutlined,
  ProfileOutlined,
  SolutionOutlined,
} from '@ant-design/icons';
import type { MenuProps } from 'antd';
import type { TFunction } from 'i18next';
import type { TMe } from '../../../shared/schemas/session.ts';
import { EVALUATION_PAGE_ABILITIES as ABILITIES, EVALUATION_PATHS as P } from './router-paths-evaluations.ts';

type Item = Required<MenuProps>['items'][number];

const can = (me: TMe, abilities: readonly string[]) => abilities.some((a) => me.abilities[a] === true);

/** Evaluate, evaluations (the CSR's own for a CSR), disputes, accuracy and test calls, by ability. */
export function buildEvaluationNav(me: TMe, t: TFunction): Item[] {
  const items: Item[] = [];
  if (can(me, ABILITIES.evaluate))
    items.push({ key: P.evaluate, icon: <EditOutlined />, label: t('evaluations.nav.evaluate') });
  if (me.roles.includes('agent') && can(me, ABILITIES.evaluations))
    items.push({ key: P.myEvaluations, icon: <SolutionOutlined />, label: t('evaluations.nav.mine') });
  // Whoever sees more than their own evaluations (QA, leaders, managers) gets the full list.
  if (me.roles.some((r) => r !== 'agent') && can(me, ABILITIES.evaluations))
    items.push({ key: P.evaluations, icon: <ProfileOutlined />, label: t('evaluations.nav.evaluations') });
  if (can(me, ABILITIES.disputes))
    items.push({ key: P.disputes, icon: <FileDoneOutlined />, label: t('evaluations.nav.disputes') });
  if (can(me, ABILITIES.accuracy))
    items.push({ key: P.accuracy, icon: <AimOutlined />, label: t('evaluations.nav.accuracy') });
  if (can(me, ABILITIES.testCalls))
    items.push({ key: P.testCalls, icon: <PhoneOutlined />, label: t('evaluations.nav.testCalls') });
  return items;
}
