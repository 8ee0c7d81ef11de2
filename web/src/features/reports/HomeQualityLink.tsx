import { LineChartOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useMe } from '../../app/session.tsx';
import { REPORT_PATHS, canOpenReport } from './paths.ts';

/** The CSR's way from their home page to "My quality" (when the server grants it). */
export function HomeQualityLink() {
  const { t } = useTranslation();
  const me = useMe();
  if (!canOpenReport(me, 'quality')) return null;
  return (
    <Link to={REPORT_PATHS.quality} data-testid="home-my-quality">
      <Button icon={<LineChartOutlined />}>{t('reports.nav.myQuality')}</Button>
    </Link>
  );
}
