import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';

export function StatusTag({ active }: { active: boolean }) {
  const { t } = useTranslation();
  return active ? <Tag color="success">{t('common.active')}</Tag> : <Tag>{t('common.inactive')}</Tag>;
}
