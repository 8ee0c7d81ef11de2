import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { TScoreCategory } from '../../../../shared/schemas/form.ts';

/** A category's name in the current language (name_zh / name_en); the key when unknown. */
export function useCategoryName(categories: readonly TScoreCategory[]): (key: string) => string {
  const { i18n } = useTranslation();
  const zh = i18n.language.startsWith('zh');
  return useCallback(
    (key: string) => {
      const c = categories.find((x) => x.key === key);
      return c ? (zh ? c.name_zh : c.name_en) : key;
    },
    [categories, zh],
  );
}
