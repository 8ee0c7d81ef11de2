import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';

/** Says when the caller sees only part of the center (their teams, or themself). */
export function ScopeNotice({ scope }: { scope: 'all' | 'team' | 'own' }) {
  const { t } = useTranslation();
  if (scope === 'all') return null;
  return (
    <Alert
      type="info"
      showIcon
      style={{ marginBottom: 16 }}
      title={scope === 'team' ? t('reports.common.scopeTeam') : t('reports.common.scopeOwn')}
    />
  );
}
