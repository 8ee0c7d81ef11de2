import { Result } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useAbility } from '../app/session.tsx';

/** Renders the page only when GET /me grants one of the abilities; else a "no access" message. */
export function RequireAbility({ any, children }: { any: readonly string[]; children: ReactNode }) {
  const allowed = useAbility(...any);
  const { t } = useTranslation();
  if (!allowed) {
    return (
      <div data-testid="forbidden">
        <Result status="403" title={t('forbidden.title')} subTitle={t('forbidden.subtitle')} />
      </div>
    );
  }
  return children;
}
