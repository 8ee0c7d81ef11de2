import { TranslationOutlined } from '@ant-design/icons';
import { Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { LANGUAGES, currentLanguage, setLanguage, type Language } from '../i18n/index.ts';

/** 简体中文 / English; the choice is remembered in this browser. */
export function LanguageSwitch({ variant = 'borderless' }: { variant?: 'borderless' | 'outlined' }) {
  const { t } = useTranslation();
  return (
    <Select<Language>
      aria-label={t('language.label')}
      data-testid="language-switch"
      value={currentLanguage()}
      variant={variant}
      prefix={<TranslationOutlined />}
      style={{ minWidth: 128 }}
      onChange={(lng) => void setLanguage(lng)}
      options={LANGUAGES.map((lng) => ({ value: lng, label: t(`language.${lng}`) }))}
    />
  );
}
