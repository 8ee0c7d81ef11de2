import { ArrowLeftOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useMe } from '../../app/session.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { PageSpinner } from '../../components/PageSpinner.tsx';
import { useLoad } from '../../hooks/useLoad.ts';
import { fetchDirectory, fetchPlan } from './api.ts';
import { SAMPLING_PATHS, samplingAccess } from './access.ts';
import { PlanEditor } from './PlanEditor.tsx';
import { planName } from './plan-name.ts';

/** One plan (a proposal, the active one or the archive), opened from the list of plans. */
export function PlanDetailPage() {
  const { t } = useTranslation();
  const me = useMe();
  const id = Number(useParams().id);
  const plan = useLoad(() => fetchPlan(id), [id]);
  const directory = useLoad(fetchDirectory, []);
  return (
    <>
      <PageHeader
        title={plan.data ? planName(t, plan.data.name) : t('sampling.plan.title')}
        subtitle={t('sampling.plan.detailSubtitle')}
        extra={
          <Link to={SAMPLING_PATHS.plan}>
            <Button icon={<ArrowLeftOutlined />}>{t('sampling.plan.back')}</Button>
          </Link>
        }
      />
      <ErrorAlert error={plan.error ?? directory.error} onRetry={plan.reload} />
      {plan.data && directory.data ? (
        <PlanEditor
          plan={plan.data}
          directory={directory.data}
          canManage={samplingAccess(me).managePlan}
          onChanged={plan.reload}
        />
      ) : (
        !plan.error && <PageSpinner />
      )}
    </>
  );
}
