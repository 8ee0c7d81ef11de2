import { FileSearchOutlined, FormOutlined, ImportOutlined, TagsOutlined } from '@ant-design/icons';
import type { MenuProps } from 'antd';
import type { TFunction } from 'i18next';
import type { TMe } from '../../../shared/schemas/session.ts';
import { PAGE_ABILITIES, PATHS } from './router-paths.ts';

type Item = Required<MenuProps>['items'][number];

const can = (me: TMe, abilities: readonly string[]) => abilities.some((a) => me.abilities[a] === true);

/** The "Quality" group: interactions, imports, scorecards and their categories, by ability. */
export function buildQualityNav(me: TMe, t: TFunction): Item[] {
  const items: Item[] = [];
  if (can(me, PAGE_ABILITIES.interactions))
    items.push({
      key: PATHS.interactions,
      icon: <FileSearchOutlined />,
      label: t('quality.nav.interactions'),
    });
  if (can(me, PAGE_ABILITIES.imports))
    items.push({ key: PATHS.imports, icon: <ImportOutlined />, label: t('quality.nav.imports') });
  if (can(me, PAGE_ABILITIES.scorecards))
    items.push({ key: PATHS.scorecards, icon: <FormOutlined />, label: t('quality.nav.scorecards') });
  if (can(me, PAGE_ABILITIES.categories))
    items.push({ key: PATHS.categories, icon: <TagsOutlined />, label: t('quality.nav.categories') });
  return items;
}
