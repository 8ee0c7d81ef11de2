import type { TFunction } from 'i18next';
import { DEFAULT_PLAN } from '../../../../shared/schemas/sampling.ts';

/**
 * A plan's name for display. The names the system gives — the built-in default plan and a month's
 * proposed targeted plan (`Monthly targeted plan YYYY-MM`) — are stored in English and shown in
 * the user's language; a name someone typed is shown as typed.
 */
export function planName(t: TFunction, name: string, month?: string | null): string {
  if (name === DEFAULT_PLAN.name) return t('sampling.plan.defaultName');
  const monthly = /^Monthly targeted plan (\d{4}-\d{2})$/.exec(name);
  if (monthly && (month === undefined || month === null || month === monthly[1]))
    return t('compliance.plans.name', { month: monthly[1] });
  return name;
}
