import { Alert } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';

type Scope = 'all' | 'team' | 'own';

/**
 * The notice for a caller who sees only part of the center (their teams, or themself); it speaks
 * of the center figures only on a page that shows them (the period reports, not the daily
 * bulletin or the KPI export). Null for the whole center.
 */
export function scopeNoticeText(t: TFunction, scope: Scope, centerFigures: boolean): string | null {
  if (scope === 'all') return null;
  if (scope === 'team') return t(centerFigures ? 'reports.common.scopeTeam' : 'reports.common.scopeTeamOnly');
  return t(centerFigures ? 'reports.common.scopeOwn' : 'reports.common.scopeOwnOnly');
}

/** Says when the caller sees only part of the center (their teams, or themself). */
export function ScopeNotice({ scope, centerFigures }: { scope: Scope; centerFigures: boolean }) {
  const { t } = useTranslation();
  const text = scopeNoticeText(t, scope, centerFigures);
  if (text === null) return null;
  return <Alert type="info" showIcon style={{ marginBottom: 16 }} title={text} data-testid="scope-notice" />;
}
