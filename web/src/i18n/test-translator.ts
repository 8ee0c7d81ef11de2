import { createInstance, type TFunction } from 'i18next';
import { en } from './en.ts';
import { zhCN } from './zh-CN.ts';

/**
 * For tests: the app's translations in one language, with no fallback, so a key missing in that
 * language shows as the key instead of quietly borrowing the other language's text.
 */
export async function translator(lng: 'en' | 'zh-CN'): Promise<TFunction> {
  const i18n = createInstance();
  await i18n.init({
    resources: { en: { translation: en }, 'zh-CN': { translation: zhCN } },
    lng,
    interpolation: { escapeValue: false },
  });
  return i18n.t;
}
