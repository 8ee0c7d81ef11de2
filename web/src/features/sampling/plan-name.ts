import type { TFunction } from 'i18next';
import { DEFAULT_PLAN } from '../../../../shared/schemas/sampling.ts';

/** A plan's name for display: the built-in default plan is named in the user's language. */
export function planName(t: TFunction, name: string): string {
  return name === DEFAULT_PLAN.name ? t('sampling.plan.defaultName') : name;
}
