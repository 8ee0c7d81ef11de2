import 'i18next';
import type { en } from './en.ts';

declare module 'i18next' {
  // Typed keys: t('users.title') is checked at compile time against en.ts.
  // eslint-disable-next-line @typescript-eslint/consistent-type-definitions -- augmentation needs an interface
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof en };
  }
}
