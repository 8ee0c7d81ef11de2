import { Result } from 'antd';
import { Suspense, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useMe } from '../../app/session.tsx';
import { PageSpinner } from '../../components/PageSpinner.tsx';
import { canOpenReport, type ReportPage } from './paths.ts';

/** A lazily loaded report page, shown only to users who may open it (the API checks again). */
export function ReportGuard({ page, children }: { page: ReportPage; children: ReactNode }) {
  const me = useMe();
  const { t } = useTranslation();
  if (!canOpenReport(me, page))
    return (
      <div data-testid="forbidden">
        <Result status="403" title={t('forbidden.title')} subTitle={t('forbidden.subtitle')} />
      </div>
    );
  return <Suspense fallback={<PageSpinner />}>{children}</Suspense>;
}
